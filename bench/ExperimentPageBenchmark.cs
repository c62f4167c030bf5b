using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Training.Running;

namespace Forgetless.Bench;

/// <summary>
/// The experiment page's first render on the server (issue 11: "about 211 ms"): an experiment of 21 runs (3 seeds × the two
/// optimum runs and ALRIGHT at five λ) with 4,000 stored points each (200 steps × 20 metrics), then <c>GET /experiments/{id}</c>
/// one request at a time. That prerender runs the page's whole load (runs, ideal points, every plotted curve thinned to at
/// most 1,000 points) and answers its HTML; the interactive circuit then loads the same again and draws the charts.
/// </summary>
public sealed class ExperimentPageBenchmark : IBenchmark
{
    private const int Steps = 200;

    private static readonly string[] Names =
    [
        MetricNames.Objective, MetricNames.Loss, MetricNames.SftLoss, MetricNames.DpoLoss, MetricNames.LearningRate, MetricNames.TokensPerSecond,
        MetricNames.NumTokens, MetricNames.PaddingFraction, MetricNames.RewardsChosen, MetricNames.RewardsRejected, MetricNames.RewardsMargins,
        MetricNames.RewardsAccuracies, MetricNames.LogpsChosen, MetricNames.LogpsRejected, MetricNames.EvalSftLoss, MetricNames.EvalDpoLoss,
        MetricNames.EvalRewardAccuracy, MetricNames.EvalDpoLossAgainstInitial, MetricNames.EvalRewardAccuracyAgainstInitial, MetricNames.SftGap,
    ];

    public string Name => "experiment-page";

    public IEnumerable<BenchRow> Run(BenchOptions options) => MeasureAsync(options.Quick).GetAwaiter().GetResult();

    private static async Task<List<BenchRow>> MeasureAsync(bool quick)
    {
        using var app = await ServedApp.StartAsync(new Dictionary<string, string> { ["Training__ClaimRuns"] = "false" });
        var (experimentId, runs) = await ExperimentAsync(app.Client);
        foreach (var run in runs) MetricSeriesBenchmark.Store(app.DataDir, run, Steps, Names);
        var url = $"/experiments/{experimentId}";
        for (var i = 0; i < 5; i++) await PageAsync(app.Client, url); // warm up

        var requests = quick ? 10 : 50;
        var cpuBefore = app.CpuTime();
        var latencies = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            await PageAsync(app.Client, url);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        var cpu = (app.CpuTime() - cpuBefore).TotalMilliseconds / requests;
        var scenario = $"{runs.Count} runs × {Steps * Names.Length:N0} points, GET /experiments/{{id}} (prerendered HTML), {requests} one at a time";
        return
        [
            new("experiment-page", scenario, "time to HTML p50", MetricSeriesBenchmark.Percentile(latencies, 0.50), "ms"),
            new("experiment-page", scenario, "time to HTML p99", MetricSeriesBenchmark.Percentile(latencies, 0.99), "ms"),
            new("experiment-page", scenario, "server CPU per request", Math.Round(cpu, 2), "ms"),
        ];
    }

    private static async Task PageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync();
        if (!html.Contains("experiment-page bench", StringComparison.Ordinal)) throw new InvalidOperationException("The page did not show the experiment.");
    }

    private static async Task<(int Id, List<int> Runs)> ExperimentAsync(HttpClient client)
    {
        var datasets = await client.GetFromJsonAsync<JsonElement>("/api/datasets");
        int Id(string kind) => datasets.EnumerateArray().First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "experiment-page bench", sftDatasetId = Id("Sft"), preferenceDatasetId = Id("Preference"), schedules = new[] { "alright" },
            lambdas = new[] { 0.1, 0.3, 0.5, 0.7, 0.9 }, seedCount = 3,
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Creating the experiment failed: {body}");
        return (body.GetProperty("id").GetInt32(), body.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList());
    }
}
