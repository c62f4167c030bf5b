using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Forgetless.Bench;

/// <summary>
/// 50 SignalR .NET clients on one real run (issue 4: "50 clients on one run keep up, measured"). Starts the built app
/// as a process, launches a short experiment on the demo datasets through the REST API, joins its schedule run (which
/// waits for the two optimum runs, so every client is listening before its first step) over WebSockets, and checks
/// each client's batches against the points the server stored. Latency = client receipt − the batch's server Time.
/// </summary>
public sealed class HubFanOutBenchmark : IBenchmark
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public string Name => "hub-fanout";

    public IEnumerable<BenchRow> Run(BenchOptions options) =>
        MeasureAsync(clients: 50, steps: options.Quick ? 20 : 200).GetAwaiter().GetResult();

    private static async Task<List<BenchRow>> MeasureAsync(int clients, int steps)
    {
        using var app = await ServedApp.StartAsync(new Dictionary<string, string> { ["Training__PollInterval"] = "00:00:00.200" });
        var (experimentId, runId) = await LaunchAsync(app.Client, steps);
        var listeners = new List<FanOutListener>();
        try
        {
            for (var i = 0; i < clients; i++) listeners.Add(await FanOutListener.JoinAsync(app.Url, runId));
            var final = await Task.WhenAny(listeners[0].Finished, Task.Delay(TimeSpan.FromMinutes(10)));
            if (final != listeners[0].Finished) throw new TimeoutException($"Run {runId} did not finish:\n{app.Output}");
            var expected = await StoredBatchesAsync(app.Client, runId);
            await WaitForStragglersAsync(listeners, expected.Count, TimeSpan.FromSeconds(10));
            return Rows(clients, steps, listeners, expected, await listeners[0].Finished);
        }
        finally
        {
            foreach (var listener in listeners) await listener.DisposeAsync();
            Console.Error.WriteLine($"bench: hub-fanout experiment {experimentId}, run {runId}");
        }
    }

    private static List<BenchRow> Rows(int clients, int steps, List<FanOutListener> listeners, HashSet<(bool Eval, long Step)> expected, string status)
    {
        var complete = listeners.Count(l => l.Keys().SetEquals(expected) && l.Count == expected.Count);
        var latencies = listeners.SelectMany(l => l.LatenciesMs()).Order().ToList();
        var first = listeners.Min(l => l.FirstReceipt);
        var last = listeners.Max(l => l.LastReceipt);
        var delivered = listeners.Sum(l => l.Count);
        var seconds = (last - first).TotalSeconds;
        var sent = listeners[0].SentTimes();
        var published = sent.Count / (sent.Max() - sent.Min()).TotalSeconds;
        var @case = $"{clients} clients, 1 run ({steps} steps, tiny, {status})";
        return
        [
            new("hub-fanout", @case, "clients with every batch", complete, $"of {clients}", $"all {clients} receive every batch", complete == clients),
            new("hub-fanout", @case, "batches per client", expected.Count, "batches"),
            new("hub-fanout", @case, "latency p50", Percentile(latencies, 0.50), "ms"),
            new("hub-fanout", @case, "latency p95", Percentile(latencies, 0.95), "ms"),
            new("hub-fanout", @case, "latency max", Math.Round(latencies[^1], 2), "ms"),
            new("hub-fanout", @case, "published by the run", Math.Round(published, 1), "batches/s"),
            new("hub-fanout", @case, "delivered to all clients", Math.Round(delivered / seconds), "messages/s"),
        ];
    }

    private static async Task<(int ExperimentId, int RunId)> LaunchAsync(HttpClient client, int steps)
    {
        var datasets = await client.GetFromJsonAsync<JsonElement>("/api/datasets");
        int Id(string kind) => datasets.EnumerateArray().First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "hub-fanout", sftDatasetId = Id("Sft"), preferenceDatasetId = Id("Preference"), schedules = new[] { "alright" }, lambdas = new[] { 0.5 },
            hyperparameters = new { steps, evalInterval = 10, sftBatchSize = 4, dpoBatchSize = 4, evalExamples = 8, maxLength = 48 },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Creating the experiment failed: {body}");
        var run = body.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("role").GetString() == "Schedule");
        return (body.GetProperty("id").GetInt32(), run.GetProperty("id").GetInt32());
    }

    // What the server published: one batch per training step (it holds "loss") and one per evaluation.
    private static async Task<HashSet<(bool Eval, long Step)>> StoredBatchesAsync(HttpClient client, int runId)
    {
        var curves = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/metrics?names=loss,eval/sft_loss", Json);
        return [.. curves.EnumerateArray().SelectMany(c => c.GetProperty("steps").EnumerateArray()
            .Select(s => (c.GetProperty("name").GetString() == "eval/sft_loss", s.GetInt64())))];
    }

    private static async Task WaitForStragglersAsync(List<FanOutListener> listeners, int count, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (listeners.Any(l => l.Count < count) && watch.Elapsed < timeout) await Task.Delay(50);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))], 2);
}
