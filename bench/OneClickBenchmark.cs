using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Forgetless.Bench;

/// <summary>
/// The home page's one-click comparison through the service (issue 8: "within 3 minutes on an idle 2-core machine,
/// with its seeds"): starts the built app as a process with the given training settings, creates the same request the
/// button creates (every schedule at λ = 0.5, the service's default hyperparameters and seed count) through the REST
/// API, and times it from creation to the last run's end. Per-run wall seconds are the engine's own (data, model,
/// reference pass, training, final save), so "service overhead" is the gap between them and the headless runner's.
/// No browser is open: a page rendering the live charts on the same cores costs extra, measured separately.
/// </summary>
public sealed class OneClickBenchmark : IBenchmark
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public string Name => "one-click";

    public IEnumerable<BenchRow> Run(BenchOptions options)
    {
        // Quick: one seed of 40 steps per setting, a smoke check of the harness.
        var (seeds, steps) = options.Quick ? (1, 40) : (3, 200);
        (string Case, Dictionary<string, string> Settings)[] settings =
        [
            ("threads 0 (TorchSharp default), 1 run at a time", new() { ["Training__ThreadsPerRun"] = "0", ["Training__RunsPerDevice"] = "1" }),
            ("threads 1, 1 run at a time", new() { ["Training__ThreadsPerRun"] = "1", ["Training__RunsPerDevice"] = "1" }),
            ("threads 1, 2 runs at a time (default)", new() { ["Training__ThreadsPerRun"] = "1", ["Training__RunsPerDevice"] = "2" }),
        ];
        var rows = new List<BenchRow>();
        foreach (var (@case, environment) in settings)
        {
            environment["Training__PollInterval"] = "00:00:00.200";
            rows.AddRange(MeasureAsync($"{@case}, {seeds} seed(s) × 7 runs × {steps} steps", environment, seeds, steps).GetAwaiter().GetResult());
        }

        return rows;
    }

    private static async Task<List<BenchRow>> MeasureAsync(string @case, Dictionary<string, string> environment, int seeds, int steps)
    {
        using var app = await ServedApp.StartAsync(environment);
        var datasets = await app.Client.GetFromJsonAsync<JsonElement>("/api/datasets", Json);
        int Id(string kind) => datasets.EnumerateArray().First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();
        var clock = Stopwatch.StartNew();
        var response = await app.Client.PostAsJsonAsync("/api/experiments", new
        {
            name = "one-click bench", sftDatasetId = Id("Sft"), preferenceDatasetId = Id("Preference"),
            schedules = new[] { "sequential_sft_dpo", "sequential_dpo_sft", "mix", "alright", "maxright" }, lambdas = new[] { 0.5 },
            seedCount = seeds, hyperparameters = new { steps },
        });
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetInt32();
        var experiment = await UntilDoneAsync(app, id, clock);

        var total = clock.Elapsed.TotalSeconds;
        var runs = experiment.GetProperty("runs").EnumerateArray().ToList();
        var failed = runs.Count(r => r.GetProperty("status").GetString() != "Completed");
        var engineSeconds = runs.Where(r => r.GetProperty("finalMetrics").ValueKind == JsonValueKind.Object)
            .Select(r => r.GetProperty("finalMetrics").GetProperty("wall_seconds").GetDouble()).ToList();
        return
        [
            new("one-click", @case, "wall, create → last run done", total, "s", "≤ 180 s idle (3 seeds)", seeds == 3 && steps == 200 ? total <= 180 : null),
            new("one-click", @case, "engine wall per run (mean)", engineSeconds.Count == 0 ? double.NaN : engineSeconds.Average(), "s"),
            new("one-click", @case, "engine wall, all runs", engineSeconds.Sum(), "s"),
            new("one-click", @case, "runs not completed", failed, "runs", "0", failed == 0),
        ];
    }

    /// <summary>Polls the experiment until every run has ended (30 minutes at most) and returns it as last read.</summary>
    internal static async Task<JsonElement> UntilDoneAsync(ServedApp app, int id, Stopwatch clock)
    {
        while (true)
        {
            var experiment = await app.Client.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}", Json);
            var statuses = experiment.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
            if (statuses.All(s => s is "Completed" or "Failed" or "Cancelled")) return experiment;
            if (clock.Elapsed > TimeSpan.FromMinutes(30)) throw new TimeoutException($"experiment {id} did not finish:\n{app.Output}");
            await Task.Delay(250);
        }
    }
}
