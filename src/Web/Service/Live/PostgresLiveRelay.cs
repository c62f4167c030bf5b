using System.Globalization;
using System.Threading.Channels;
using Forgetless.Data;
using RunStatus = Forgetless.Data.Entities.RunStatus;
using Forgetless.Training.Running;
using Npgsql;

namespace Forgetless.Web.Service.Live;

/// <summary>
/// Brings other processes' live events into this one (PostgreSQL only): LISTENs on <see cref="StoreNotices"/>' channels,
/// reads the points each metrics notice names from the table, and publishes them on the in-process
/// <see cref="RunLiveFeed"/> one step at a time, so pages and the SignalR hub work as if the run trained here.
/// </summary>
public sealed class PostgresLiveRelay(StoreConnection store, RunLiveFeed feed, ILogger<PostgresLiveRelay> logger) : BackgroundService
{
    private readonly Channel<(string Channel, string Payload)> notices = Channel.CreateUnbounded<(string, string)>(new() { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reading = Task.Run(() => ReadAsync(stoppingToken), CancellationToken.None);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or System.IO.IOException or InvalidOperationException)
            {
                logger.LogWarning(ex, "Live relay lost its connection; listening again in 1 s (events in between are not relayed)");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        }

        notices.Writer.TryComplete();
        await reading;
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, e) => notices.Writer.TryWrite((e.Channel, e.Payload));
        await using (var listen = new NpgsqlCommand($"LISTEN {StoreNotices.MetricsChannel}; LISTEN {StoreNotices.StatusChannel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        logger.LogInformation("Relaying live events of other processes from {Store}", store.Describe());
        while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
    }

    private async Task ReadAsync(CancellationToken stoppingToken)
    {
        await foreach (var (channel, payload) in notices.Reader.ReadAllAsync(CancellationToken.None))
        {
            var parts = payload.Split(':');
            if (parts.Length != 4 || parts[0] == StoreConnection.ProcessOrigin) continue;
            try
            {
                if (channel == StoreNotices.MetricsChannel) await RelayMetricsAsync(Int(parts[1]), long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture), stoppingToken);
                else if (Enum.TryParse<RunStatus>(parts[3], out var status)) await RelayStatusAsync(Int(parts[1]), Int(parts[2]), status, stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or FormatException or OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not relay notice {Payload}", payload);
            }
        }
    }

    // In step order, not id order: pages keep a line's steps rising and leave out a step at or before the last, and a
    // batch's ids need not follow its steps (a hash join in the insert once numbered steps 57..53 in reverse).
    private async Task RelayMetricsAsync(int runId, long firstId, long lastId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT "Step", "Name", "Value", "Time" FROM "MetricPoints" WHERE "RunId" = @run AND "Id" BETWEEN @first AND @last ORDER BY "Step", "Id"
            """, connection);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("first", firstId);
        command.Parameters.AddWithValue("last", lastId);
        var steps = new List<(List<MetricPoint> Points, DateTime Time)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var point = new MetricPoint(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2));
                if (steps.Count == 0 || steps[^1].Points[0].Step != point.Step) steps.Add(([], reader.GetDateTime(3)));
                steps[^1].Points.Add(point);
            }
        }

        // Time is when the worker reported the step, so hub clients measure worker → browser latency.
        foreach (var (points, time) in steps) StoreNotices.Relay(() => feed.Publish(new RunMetricBatch(runId, points) { Time = time }));
    }

    private async Task RelayStatusAsync(int runId, int experimentId, RunStatus status, CancellationToken cancellationToken)
    {
        string? error = null;
        if (status is RunStatus.Failed or RunStatus.Interrupted)
        {
            await using var connection = new NpgsqlConnection(store.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("""SELECT "Error" FROM "Runs" WHERE "Id" = @run""", connection);
            command.Parameters.AddWithValue("run", runId);
            error = await command.ExecuteScalarAsync(cancellationToken) as string;
        }

        StoreNotices.Relay(() => feed.Publish(new RunStatusChange(runId, experimentId, status, error, DateTime.UtcNow)));
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
