using System.Text.Json;
using Forgetless.Data.Entities;
using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>
/// What the experiment page shows about one run besides its metrics. <see cref="ExperimentName"/> is set only where
/// runs of several experiments are shown together (Compare), so same-named runs stay apart.
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
    double? PeakRssMb = null)
{
    /// <summary>The service stores the process's peak resident memory in the run's final metrics under this name.</summary>
    public const string PeakRssMetric = "peak_rss_mb";

    /// <summary>The pref-SFT reference run: its held-out f_SFT is on other data (the chosen responses), so it is no curve of the comparison.</summary>
    public bool IsReference => Schedule == Service.Experiments.ScheduleNames.PrefSft;

    public string Name => (ExperimentName is { } experiment ? $"{experiment} · " : "") + ScheduleName;

    public string ScheduleName => SchedulePalette.DisplayName(Schedule) + (Lambda is { } l ? $" λ={l:0.##}" : "");

    public static RunView From(Run run, string? experimentName = null) => new(
        run.Id, run.Schedule, run.Lambda, run.Role != RunRole.Schedule, run.Status.ToString(), run.TotalSteps,
        run.StartedAt, run.FinishedAt, run.LaunchedBy, run.ExperimentId, experimentName, PeakRss(run.FinalMetricsJson));

    private static double? PeakRss(string? finalMetricsJson)
    {
        if (finalMetricsJson is null)
        {
            return null;
        }

        var metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(finalMetricsJson);
        return metrics is not null && metrics.TryGetValue(PeakRssMetric, out var megabytes) && megabytes > 0 ? megabytes : null;
    }
}
