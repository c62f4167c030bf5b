using Forgetless.Data;
using Npgsql;

namespace Forgetless.Web.Service.Live;

/// <summary>On PostgreSQL, sends every status change this process publishes to the other processes (NOTIFY).</summary>
public sealed class StatusNotifier(StoreConnection store, RunLiveFeed feed, ILogger<StatusNotifier> logger) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = feed.SubscribeAll(null, change =>
        {
            if (!StoreNotices.Relaying) _ = NotifyAsync(change);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }

    private async Task NotifyAsync(RunStatusChange change)
    {
        try
        {
            await using var connection = new NpgsqlConnection(store.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            command.Parameters.AddWithValue("channel", StoreNotices.StatusChannel);
            command.Parameters.AddWithValue("payload", $"{StoreConnection.ProcessOrigin}:{change.RunId}:{change.ExperimentId}:{change.Status}");
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning(ex, "Could not announce run {RunId} {Status} to other processes", change.RunId, change.Status);
        }
    }
}
