using Forgetless.Data;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>Loads runs' stored curves into an <see cref="ExperimentMetrics"/>; returns how many points were new.</summary>
public static class StoredMetrics
{
    // Only what the experiment and run pages draw: a step reports ~20 metrics, most of them never plotted here.
    private static readonly string[] Plotted =
    [
        Training.Running.MetricNames.EvalSftLoss, Training.Running.MetricNames.EvalDpoLoss, Training.Running.MetricNames.Loss,
        Training.Running.MetricNames.RewardsAccuracies, Training.Running.MetricNames.RewardsMargins, Training.Running.MetricNames.Objective,
        Training.Running.MetricNames.TokensPerSecond, Training.Running.MetricNames.SftLoss, Training.Running.MetricNames.DpoLoss,
        Training.Running.MetricNames.MaxrightSftGap, Training.Running.MetricNames.MaxrightDpoGap, Training.Running.MetricNames.MaxrightRefresh,
    ];

    public static async Task<long> LoadAsync(AppDbContext db, IReadOnlyCollection<int> runIds, ExperimentMetrics into)
    {
        var stored = await db.MetricPoints.AsNoTracking().Where(p => runIds.Contains(p.RunId) && Plotted.Contains(p.Name))
            .OrderBy(p => p.RunId).ThenBy(p => p.Step)
            .Select(p => new { p.RunId, p.Step, p.Name, p.Value }).ToListAsync();
        long added = 0;
        foreach (var group in stored.GroupBy(p => p.RunId))
        {
            added += into.Add(group.Key, group.Select(p => new Training.Running.MetricPoint(p.Step, p.Name, p.Value ?? double.NaN))).Count;
        }

        return added;
    }
}
