using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>The cost table's rows: one per run, or per schedule × λ as a mean ± spread over its seeds (seeds listed under it on request).</summary>
public static class ExperimentCosts
{
    public static IReadOnlyList<CostRow> Rows(IReadOnlyList<RunView> runs, IReadOnlyDictionary<int, LineStyle> styles, ExperimentMetrics metrics,
        bool singleSeeds)
    {
        var rows = new List<CostRow>();
        foreach (var group in runs.GroupBy(r => r.Group))
        {
            var seeds = group.Select(r => Row(r, styles[r.Id].Color, metrics)).ToList();
            if (seeds.Count == 1)
            {
                rows.Add(seeds[0]);
                continue;
            }

            var first = group.First();
            var wall = MeanSpread.Of(seeds.Where(s => s.WallTime is not null).Select(s => s.WallTime!.Value.TotalSeconds));
            var tokens = MeanSpread.Of(seeds.Where(s => s.TokensPerSecond is not null).Select(s => s.TokensPerSecond!.Value));
            var memory = MeanSpread.Of(seeds.Where(s => s.PeakMemoryBytes is not null).Select(s => (double)s.PeakMemoryBytes!.Value));
            var wait = MeanSpread.Of(seeds.Where(s => s.QueueWait is not null).Select(s => s.QueueWait!.Value.TotalSeconds));
            rows.Add(new CostRow($"{first.GroupName} (mean of {seeds.Count} seeds)", styles[first.Id].Color, (long)seeds.Average(s => s.Steps),
                wall.Count > 0 ? TimeSpan.FromSeconds(wall.Mean) : null, tokens.Count > 0 ? tokens.Mean : null,
                memory.Count > 0 ? (long)memory.Mean : null)
            {
                Seeds = seeds.Count,
                QueueWait = wait.Count > 0 ? TimeSpan.FromSeconds(wait.Mean) : null,
                QueueWaitSpread = wait.Count > 1 ? TimeSpan.FromSeconds(wait.Spread) : null,
                WallTimeSpread = wall.Count > 1 ? TimeSpan.FromSeconds(wall.Spread) : null,
                TokensPerSecondSpread = tokens.Count > 1 ? tokens.Spread : null,
                PeakMemorySpread = memory.Count > 1 ? (long)memory.Spread : null,
            });
            if (singleSeeds)
            {
                rows.AddRange(seeds.Select(s => s with { IsSeed = true }));
            }
        }

        return rows;
    }

    // Tokens/s and peak memory are the run's own, measured when it ends (a mean of per-step rates would leave out evaluations and
    // weigh short steps like long ones); queue wait is kept apart from the wall time, which runs from the first start.
    private static CostRow Row(RunView run, string color, ExperimentMetrics metrics) => new(
        run.Name,
        color,
        metrics.StepsDone(run.Id),
        run.StartedAt is { } start ? (run.FinishedAt ?? DateTime.UtcNow) - start : null,
        run.TokensPerSecond,
        run.PeakRssMb is { } megabytes ? (long)(megabytes * 1024 * 1024) : null)
    {
        QueueWait = run.QueueWait,
    };
}
