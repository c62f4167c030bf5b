using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Training.Running;
using Forgetless.Web.Components.Shared.Charting;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service.Queries;

/// <summary>An experiment's schedule × λ closest to its ideal point: the smallest bar of the experiment page's ideal-distance figure.</summary>
public sealed record BestIdealDistance(double Distance, string Schedule, double? Lambda)
{
    public string Label => ReportingIdealQuery.Label(Schedule, Lambda);
}

/// <summary>
/// The history's summary column for many experiments with two queries (their runs, their held-out evaluations), computed
/// as the experiment page does: the reporting ideal point (<see cref="ReportingIdealQuery"/>) of the experiment and of
/// each seed, each schedule run's last evaluated point, and <see cref="DistanceBars"/>.
/// </summary>
public static class BestIdealDistanceQuery
{
    public static async Task<IReadOnlyDictionary<int, BestIdealDistance>> ForExperimentsAsync(
        AppDbContext db, IReadOnlyCollection<int> experimentIds, CancellationToken cancellationToken = default)
    {
        var runs = await db.Runs.AsNoTracking().Where(r => experimentIds.Contains(r.ExperimentId))
            .Select(r => new { r.Id, r.ExperimentId, r.Role, r.Schedule, r.Lambda, r.Seed }).ToListAsync(cancellationToken);
        var runIds = runs.Select(r => r.Id).ToList();
        var points = await db.MetricPoints.AsNoTracking()
            .Where(p => runIds.Contains(p.RunId) && (p.Name == MetricNames.EvalSftLoss || p.Name == MetricNames.EvalDpoLoss))
            .OrderBy(p => p.RunId).ThenBy(p => p.Step)
            .Select(p => new HeldOutPoint(p.RunId, p.Step, p.Name, p.Value)).ToListAsync(cancellationToken);
        var pointsByRun = points.GroupBy(p => p.RunId).ToDictionary(g => g.Key, g => g.ToList());

        var best = new Dictionary<int, BestIdealDistance>();
        foreach (var experiment in runs.GroupBy(r => r.ExperimentId))
        {
            var measured = experiment.Where(r => r.Role != RunRole.PrefSftReference).ToList();
            var own = measured.SelectMany(r => pointsByRun.GetValueOrDefault(r.Id) ?? []).ToList();
            if (ReportingIdealQuery.Estimate(own, measured.ToDictionary(r => r.Id, r => ReportingIdealQuery.Label(r.Schedule, r.Lambda))) is not { } ideal)
            {
                continue;
            }

            var seedIdeals = new Dictionary<int, ChartPoint>();
            foreach (var seed in measured.GroupBy(r => r.Seed))
            {
                if (ReportingIdealQuery.Estimate(own, seed.ToDictionary(r => r.Id, r => ReportingIdealQuery.Label(r.Schedule, r.Lambda))) is { } seedIdeal)
                {
                    seedIdeals[seed.Key] = new ChartPoint(seedIdeal.Dpo.Value, seedIdeal.Sft.Value);
                }
            }

            var scheduleRuns = experiment.Where(r => r.Role == RunRole.Schedule)
                .Select(r => new RunFinalPoint($"{r.Schedule}|{r.Lambda}", r.Schedule, r.Lambda, r.Seed, LastEvaluated(pointsByRun.GetValueOrDefault(r.Id))));
            if (DistanceBars.Best(DistanceBars.Of(scheduleRuns, new ChartPoint(ideal.Dpo.Value, ideal.Sft.Value), seedIdeals)) is { } bar)
            {
                // A bar without λ stands at 0.5 on the figure's axis; the label should not invent one.
                var lambda = experiment.Any(r => r.Schedule == bar.Schedule && r.Lambda == bar.Lambda) ? bar.Lambda : (double?)null;
                best[experiment.Key] = new BestIdealDistance(bar.Distance.Mean, bar.Schedule, lambda);
            }
        }

        return best;
    }

    // A run's trade-off path ends at the last step where both held-out losses were evaluated (ExperimentMetrics.TradeOffPath).
    private static ChartPoint? LastEvaluated(List<HeldOutPoint>? points)
    {
        if (points is null) return null;
        var sftByStep = points.Where(p => p.Name == MetricNames.EvalSftLoss).GroupBy(p => p.Step).ToDictionary(g => g.Key, g => g.First().Value ?? double.NaN);
        return points.Where(p => p.Name == MetricNames.EvalDpoLoss && sftByStep.ContainsKey(p.Step)).OrderBy(p => p.Step)
            .Select(p => (ChartPoint?)new ChartPoint(p.Value ?? double.NaN, sftByStep[p.Step])).LastOrDefault();
    }
}
