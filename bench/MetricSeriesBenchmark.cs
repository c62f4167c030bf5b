using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Forgetless.Bench;

/// <summary>
/// <c>GET /api/runs/{id}/metrics</c> on the built app as a real process (issue 11: "≤ 20 ms for 5,000 points"): a run's
/// stored series of 5,000 points (250 steps × 20 metrics, what a step and its evaluations report) written into its SQLite
/// file, then requests one at a time (client latency and the server's CPU per request), a burst of 200 clients at once
/// (p50/p99), and a long run (100,000 points) fetched thinned with <c>?maxPoints=1000</c> as the pages do.
/// </summary>
public sealed class MetricSeriesBenchmark : IBenchmark
{
    private const int Metrics = 20;

    public string Name => "metric-series";

    public IEnumerable<BenchRow> Run(BenchOptions options) => MeasureAsync(options.Quick).GetAwaiter().GetResult();

    private static async Task<List<BenchRow>> MeasureAsync(bool quick)
    {
        using var app = await ServedApp.StartAsync(new Dictionary<string, string> { ["Training__ClaimRuns"] = "false" });
        var (shortRun, longRun) = await TwoQueuedRunsAsync(app.Client);
        Store(app.DataDir, shortRun, steps: 250);
        Store(app.DataDir, longRun, steps: 5_000);
        var url = $"/api/runs/{shortRun}/metrics";
        var points = await CountPointsAsync(app.Client, url);
        if (points != 250 * Metrics) throw new InvalidOperationException($"Expected {250 * Metrics} points back, got {points}");
        for (var i = 0; i < 20; i++) await app.Client.GetByteArrayAsync(url); // warm up (JIT, query cache, pools)

        var requests = quick ? 50 : 500;
        var (sequential, cpuPerRequest) = await OneAtATimeAsync(app, url, requests);
        // The same again: on a loaded machine the tiered JIT is still compiling the hot paths during the first 500 (its
        // CPU counts), so the second 500 are the steady state.
        var (_, steadyCpuPerRequest) = await OneAtATimeAsync(app, url, requests);
        // The same request with no curve asked for: sign-in check, routing and the run probe, what every request pays.
        var (_, baseCpuPerRequest) = await OneAtATimeAsync(app, $"/api/runs/{shortRun}/metrics?names=none", requests);

        const int clients = 200;
        var burst = (await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => TimedGetAsync(app.Client, url))))).ToList();

        var thinnedUrl = $"/api/runs/{longRun}/metrics?maxPoints=1000";
        var thinnedPoints = await CountPointsAsync(app.Client, thinnedUrl);
        var thinned = new List<double>();
        for (var i = 0; i < (quick ? 10 : 50); i++) thinned.Add(await TimedGetAsync(app.Client, thinnedUrl));

        var single = $"5,000 points (250 steps × {Metrics} metrics), {requests} requests one at a time";
        var atOnce = $"5,000 points, {clients} clients at once";
        var longCase = $"100,000 points (5,000 steps × {Metrics}), ?maxPoints=1000 → {thinnedPoints:N0} points";
        return
        [
            new("metric-series", single, "latency p50", Percentile(sequential, 0.50), "ms", "≤ 20 ms", Percentile(sequential, 0.50) <= 20),
            new("metric-series", single, "latency p99", Percentile(sequential, 0.99), "ms"),
            new("metric-series", single, "server CPU per request", Math.Round(cpuPerRequest, 2), "ms"),
            new("metric-series", single, $"server CPU per request, the next {requests} (JIT settled)", Math.Round(steadyCpuPerRequest, 2), "ms", "≤ 20 ms", steadyCpuPerRequest <= 20),
            new("metric-series", "?names=none (no curve: sign-in check, routing, run probe), one at a time", "server CPU per request", Math.Round(baseCpuPerRequest, 2), "ms"),
            new("metric-series", atOnce, "latency p50", Percentile(burst, 0.50), "ms"),
            new("metric-series", atOnce, "latency p99", Percentile(burst, 0.99), "ms"),
            new("metric-series", longCase, "latency p50", Percentile(thinned, 0.50), "ms"),
        ];
    }

    private static async Task<(int Short, int Long)> TwoQueuedRunsAsync(HttpClient client)
    {
        var datasets = await client.GetFromJsonAsync<JsonElement>("/api/datasets");
        int Id(string kind) => datasets.EnumerateArray().First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "metric-series", sftDatasetId = Id("Sft"), preferenceDatasetId = Id("Preference"), schedules = new[] { "alright" }, lambdas = new[] { 0.5 },
            seedCount = 1,
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Creating the experiment failed: {body}");
        var runs = body.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList();
        return (runs[0], runs[1]);
    }

    // Points as the trainer's sink stores them: every metric at every step, in step order, one transaction.
    private static void Store(string dataDir, int runId, int steps) =>
        Store(dataDir, runId, steps, [.. Enumerable.Range(0, Metrics).Select(m => $"metric/{m:00}")]);

    /// <summary>Writes <paramref name="names"/> at every step of a run straight into the app's SQLite file.</summary>
    public static void Store(string dataDir, int runId, int steps, IReadOnlyList<string> names)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "forgetless.db")};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO MetricPoints (RunId, Step, Name, Value, Time) VALUES ($run, $step, $name, $value, $time)";
        var run = command.Parameters.Add("$run", SqliteType.Integer);
        var step = command.Parameters.Add("$step", SqliteType.Integer);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var value = command.Parameters.Add("$value", SqliteType.Real);
        var time = command.Parameters.Add("$time", SqliteType.Text);
        run.Value = runId;
        var random = new Random(runId);
        for (var s = 0; s < steps; s++)
        {
            foreach (var metric in names)
            {
                (step.Value, name.Value, value.Value, time.Value) = (s, metric, Math.Exp(-s / 100.0) + random.NextDouble() * 0.1, DateTime.UtcNow);
                command.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private static async Task<int> CountPointsAsync(HttpClient client, string url) =>
        (await client.GetFromJsonAsync<JsonElement>(url)).EnumerateArray().Sum(c => c.GetProperty("steps").GetArrayLength());

    private static async Task<(List<double> Latencies, double CpuPerRequest)> OneAtATimeAsync(ServedApp app, string url, int requests)
    {
        var cpuBefore = app.CpuTime();
        var latencies = new List<double>();
        for (var i = 0; i < requests; i++) latencies.Add(await TimedGetAsync(app.Client, url));
        return (latencies, (app.CpuTime() - cpuBefore).TotalMilliseconds / requests);
    }

    private static async Task<double> TimedGetAsync(HttpClient client, string url)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
        response.EnsureSuccessStatusCode();
        return watch.Elapsed.TotalMilliseconds;
    }

    public static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))], 2);
    }
}
