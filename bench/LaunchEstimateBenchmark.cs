using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Forgetless.Data;
using Forgetless.Training.Running;
using Forgetless.Web.Features.NewExperiment;
using Forgetless.Web.Service.Datasets;
using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Bench;

/// <summary>
/// The New experiment page's time estimate against the time the experiment then really trains (issue 11): the built app
/// as a process trains one small experiment (2 seeds: 6 runs, the history the estimate learns from), then the estimate is made as the page
/// makes it (<see cref="ThroughputHistory.SpeedAsync"/> on the app's store, the data's lengths, <see cref="LaunchEstimate"/>)
/// for a short and a longer experiment, and each is trained. "Actual" is the runs' start-to-finish times added up (no queue
/// wait), as the estimate means it. The whole-run-rate row is the estimate as it was before (tokens ÷ the history's tokens
/// per wall second).
/// </summary>
public sealed class LaunchEstimateBenchmark : IBenchmark
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public string Name => "launch-estimate";

    public IEnumerable<BenchRow> Run(BenchOptions options) => MeasureAsync(options.Quick).GetAwaiter().GetResult();

    private static async Task<List<BenchRow>> MeasureAsync(bool quick)
    {
        using var app = await ServedApp.StartAsync(new Dictionary<string, string> { ["Training__PollInterval"] = "00:00:00.200" });
        using var store = new ServiceCollection().AddData(StoreConnection.ForFile(new DataDirectory(app.DataDir).DatabasePath)).BuildServiceProvider();
        var dbFactory = store.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var datasets = await app.Client.GetFromJsonAsync<JsonElement>("/api/datasets", Json);
        int Id(string kind) => datasets.EnumerateArray().First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();
        NewExperiment Request(int steps, int seeds, params string[] schedules) => new()
        {
            Name = $"launch-estimate {steps} steps", SftDatasetId = Id("Sft"), PreferenceDatasetId = Id("Preference"), Schedules = schedules,
            SeedCount = seeds, Hyperparameters = new Hyperparameters { Steps = steps, EvalInterval = 4, SftBatchSize = 4, DpoBatchSize = 4 },
        };

        // The history: before any finished run the page has no speed, the first experiment measures it. Two seeds (6 runs),
        // so that the median run is not one of the first, cold ones (the page reads up to 20).
        var history = await TrainAsync(app, Request(8, 2, ScheduleNames.Alright));
        var speed = await ThroughputHistory.SpeedAsync(dbFactory, "tiny") ?? throw new InvalidOperationException("No speed after a finished experiment");
        var slots = (await QueueAhead.ReadAsync(dbFactory, TimeSpan.FromSeconds(30))).Slots; // the server's own worker: Training:RunsPerDevice
        var wholeRunRate = history.Tokens / history.Seconds;

        var rows = new List<BenchRow>();
        foreach (var (label, steps) in new[] { ("short", 12), ("longer", quick ? 40 : 120) })
        {
            var request = Request(steps, 1, ScheduleNames.SequentialSftDpo, ScheduleNames.Mix);
            var lengths = await new DataLengths(dbFactory, new DataDirectory(app.DataDir))
                .MeasureAsync(request.SftDatasetId, request.PreferenceDatasetId, request.Model, request.Hyperparameters.Template)
                ?? throw new InvalidOperationException("The demo datasets have no lengths");
            var estimate = LaunchEstimate.For(request, lengths, speed);
            var trained = await TrainAsync(app, request);
            var @case = $"{label}: Sequential + Mix, 1 seed (4 runs) × {steps} steps, evaluation every 4";
            var ratio = trained.Seconds / estimate.Duration.TotalSeconds;
            rows.AddRange(
            [
                new("launch-estimate", @case, "actual (runs' start → finish)", trained.Seconds, "s"),
                new("launch-estimate", @case, "estimate", estimate.Duration.TotalSeconds, "s"),
                new("launch-estimate", @case, "actual ÷ estimate", Math.Round(ratio, 2), "×", "0.5–2", ratio is >= 0.5 and <= 2),
                new("launch-estimate", @case, "estimate at whole-run tokens/s (before)", estimate.Tokens / wholeRunRate, "s"),
                new("launch-estimate", @case, "actual wall time (first start → last finish)", trained.WallSeconds, "s"),
                new("launch-estimate", @case, $"estimated wall time, {slots} at a time", estimate.WallTime(slots).TotalSeconds, "s"),
                new("launch-estimate", @case, "wall: actual ÷ estimate", Math.Round(trained.WallSeconds / estimate.WallTime(slots).TotalSeconds, 2), "×", "0.5–2",
                    trained.WallSeconds / estimate.WallTime(slots).TotalSeconds is >= 0.5 and <= 2),
                new("launch-estimate", @case, "training steps, actual", trained.StepSeconds, "s"),
                new("launch-estimate", @case, "training steps, estimate", estimate.Training.TotalSeconds, "s"),
                new("launch-estimate", @case, "evaluations, actual", trained.EvalSeconds, "s"),
                new("launch-estimate", @case, "evaluations, estimate", estimate.Evaluating.TotalSeconds, "s"),
                new("launch-estimate", @case, "set-up (outside the trainer), actual", trained.Seconds - trained.StepSeconds - trained.EvalSeconds, "s"),
                new("launch-estimate", @case, "set-up, estimate", estimate.Overhead.TotalSeconds, "s"),
                new("launch-estimate", @case, "tokens, actual", trained.Tokens, "tokens"),
                new("launch-estimate", @case, "tokens, estimate", estimate.Tokens, "tokens"),
            ]);
        }

        return rows;
    }

    private sealed record Trained(double Seconds, double StepSeconds, double EvalSeconds, double Tokens, double WallSeconds);

    // Launches through the API and adds up the runs' start-to-finish times and their final metrics.
    private static async Task<Trained> TrainAsync(ServedApp app, NewExperiment request)
    {
        var response = await app.Client.PostAsJsonAsync("/api/experiments", request, Json);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Creating the experiment failed: {body}");
        var experiment = await OneClickBenchmark.UntilDoneAsync(app, body.GetProperty("id").GetInt32(), Stopwatch.StartNew());
        var runs = experiment.GetProperty("runs").EnumerateArray().ToList();
        if (runs.Any(r => r.GetProperty("status").GetString() != "Completed")) throw new InvalidOperationException($"A run did not complete:\n{app.Output}");
        double Final(JsonElement run, string name) => run.GetProperty("finalMetrics").GetProperty(name).GetDouble();
        return new(
            runs.Sum(r => (r.GetProperty("finishedAt").GetDateTime() - r.GetProperty("startedAt").GetDateTime()).TotalSeconds),
            runs.Sum(r => Final(r, MetricNames.TrainSeconds) - Final(r, MetricNames.EvalSeconds)),
            runs.Sum(r => Final(r, MetricNames.EvalSeconds)),
            runs.Sum(r => Final(r, MetricNames.NumTokens)),
            (runs.Max(r => r.GetProperty("finishedAt").GetDateTime()) - runs.Min(r => r.GetProperty("startedAt").GetDateTime())).TotalSeconds);
    }
}
