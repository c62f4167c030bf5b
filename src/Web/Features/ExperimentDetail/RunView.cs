using Forgetless.Data.Entities;
using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>
/// What the experiment page shows about one run besides its metrics. <see cref="ExperimentName"/> is set only where
/// runs of several experiments are shown together (Compare), so same-named runs stay apart. <see cref="ShowSeed"/> is set
/// where an experiment ran several seeds: runs of one schedule × λ then form a <see cref="Group"/> drawn as a mean.
/// </summary>
public sealed record RunView(
    int Id,
    string Schedule,
    double? Lambda,
    bool IsOptimum,
    string Status,
    int TotalSteps,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    string LaunchedBy,
    int ExperimentId = 0,
    string? ExperimentName = null,
    double? PeakRssMb = null,
    int Seed = 0,
    bool ShowSeed = false,
    double? TokensPerSecond = null,
    DateTime? CreatedAt = null)
{
    /// <summary>The service stores the run's peak resident memory (sampled while it trained) in its final metrics under this name.</summary>
    public const string PeakRssMetric = "peak_rss_mb";

    /// <summary>The run's final metric: every token it trained on ÷ its training time (steps and evaluations).</summary>
    public const string TokensPerSecondMetric = "tokens_per_second";

    /// <summary>How long it waited in the queue before it first started (until now while it is still queued).</summary>
    public TimeSpan? QueueWait => CreatedAt is { } created ? (StartedAt ?? (Status == "Queued" ? DateTime.UtcNow : null)) - created : null;

    /// <summary>The pref-SFT reference run: its held-out f_SFT is on other data (the chosen responses), so it is no curve of the comparison.</summary>
    public bool IsReference => Schedule == Service.Experiments.ScheduleNames.PrefSft;

    public string Name => GroupName + (ShowSeed ? $" · seed {Seed}" : "");

    /// <summary>The name of the schedule × λ this run is a seed of.</summary>
    public string GroupName => (ExperimentName is { } experiment ? $"{experiment} · " : "") + ScheduleName;

    /// <summary>Runs that differ only by seed share this key.</summary>
    public string Group => $"{ExperimentId}|{Schedule}|{Lambda}|{IsOptimum}";

    public string ScheduleName => SchedulePalette.DisplayName(Schedule) + (Lambda is { } l ? $" λ={l:0.##}" : "");

    public static RunView From(Run run, string? experimentName = null, bool showSeed = false)
    {
        var final = Run.FinalMetricsFrom(run.FinalMetricsJson);
        return new(run.Id, run.Schedule, run.Lambda, run.Role != RunRole.Schedule, run.Status.ToString(), run.TotalSteps,
            run.StartedAt, run.FinishedAt, run.LaunchedBy, run.ExperimentId, experimentName, Positive(final, PeakRssMetric), run.Seed, showSeed,
            Positive(final, TokensPerSecondMetric), run.CreatedAt);
    }

    /// <summary>Views of stored runs; seeds are named wherever one schedule × λ of an experiment ran more than one.</summary>
    public static IReadOnlyList<RunView> FromAll(IReadOnlyList<Run> runs, Func<Run, string?>? experimentName = null)
    {
        var seeded = runs.GroupBy(r => r.ExperimentId).Where(e => e.Select(r => r.Seed).Distinct().Count() > 1).Select(e => e.Key).ToHashSet();
        return runs.Select(r => From(r, experimentName?.Invoke(r), seeded.Contains(r.ExperimentId))).ToList();
    }

    /// <summary>A final metric that was measured (positive), or null.</summary>
    public static double? Positive(IReadOnlyDictionary<string, double>? final, string name) =>
        final is not null && final.TryGetValue(name, out var value) && value > 0 ? value : null;
}
