using System.Text.Json.Serialization;
using Forgetless.Training.Running;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Bench;

/// <summary>One hub client of <see cref="HubFanOutBenchmark"/>: records each batch's key and delivery latency.</summary>
public sealed class FanOutListener : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly List<(bool Eval, long Step, double LatencyMs, DateTime Receipt, DateTime Sent)> received = [];
    private readonly TaskCompletionSource<string> finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FanOutListener(HubConnection connection) => this.connection = connection;

    /// <summary>Completes with the run's final status (Completed, Failed or Cancelled).</summary>
    public Task<string> Finished => finished.Task;

    public int Count { get { lock (received) return received.Count; } }

    public DateTime FirstReceipt { get { lock (received) return received.Count == 0 ? DateTime.MaxValue : received[0].Receipt; } }

    public DateTime LastReceipt { get { lock (received) return received.Count == 0 ? DateTime.MinValue : received[^1].Receipt; } }

    public static async Task<FanOutListener> JoinAsync(string url, int runId)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(url + "/hubs/runs")
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
                o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
            })
            .Build();
        var listener = new FanOutListener(connection);
        connection.On<BatchMessage>("metrics", listener.OnBatch);
        connection.On<StatusMessage>("status", s =>
        {
            if (s.Status is "Completed" or "Failed" or "Cancelled") listener.finished.TrySetResult(s.Status);
        });
        await connection.StartAsync();
        await connection.InvokeAsync("JoinRun", runId);
        return listener;
    }

    public HashSet<(bool Eval, long Step)> Keys()
    {
        lock (received) return [.. received.Select(r => (r.Eval, r.Step))];
    }

    /// <summary>The server's publish times of the batches this client received.</summary>
    public List<DateTime> SentTimes()
    {
        lock (received) return received.ConvertAll(r => r.Sent);
    }

    public List<double> LatenciesMs()
    {
        lock (received) return received.ConvertAll(r => r.LatencyMs);
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private void OnBatch(BatchMessage batch)
    {
        var now = DateTime.UtcNow;
        var eval = batch.Points.Count > 0 && batch.Points[0].Name.StartsWith("eval/", StringComparison.Ordinal);
        var step = batch.Points.Count > 0 ? batch.Points[0].Step : -1;
        lock (received) received.Add((eval, step, (now - batch.Time).TotalMilliseconds, now, batch.Time));
    }

    /// <summary>The hub's "metrics" message (the web app's RunMetricBatch, read without referencing the web project).</summary>
    public sealed record BatchMessage(int RunId, IReadOnlyList<MetricPoint> Points, DateTime Time);

    /// <summary>The hub's "status" message.</summary>
    public sealed record StatusMessage(int RunId, int ExperimentId, string Status, string? Error, DateTime Time);
}
