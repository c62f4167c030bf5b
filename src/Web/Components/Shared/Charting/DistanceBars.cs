namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>One schedule run as the distance bars see it: its schedule × λ group, seed, and last evaluated point (null: not evaluated yet).</summary>
public sealed record RunFinalPoint(string Group, string Schedule, double? Lambda, int Seed, ChartPoint? Final);

/// <summary>
/// The paper's figure, computed once for the experiment page's bars and the history's "best ideal distance": each
/// schedule × λ's final <see cref="IdealDistance"/>, every seed measured against its own ideal point (else the
/// experiment's), as a mean over the seeds evaluated so far, or one bar per seed when <c>singleSeeds</c>.
/// </summary>
public static class DistanceBars
{
    public static IReadOnlyList<IdealDistanceBar> Of(
        IEnumerable<RunFinalPoint> scheduleRuns, ChartPoint ideal, IReadOnlyDictionary<int, ChartPoint> seedIdeals, bool singleSeeds = false)
    {
        var bars = new List<IdealDistanceBar>();
        foreach (var group in scheduleRuns.GroupBy(r => r.Group))
        {
            var distances = group.Where(r => r.Final is not null)
                .Select(r => (Run: r, Distance: IdealDistance.Between(r.Final!.Value, seedIdeals.GetValueOrDefault(r.Seed, ideal)))).ToList();
            if (distances.Count == 0)
            {
                continue;
            }

            var first = distances[0].Run;
            if (singleSeeds && group.Count() > 1)
            {
                bars.AddRange(distances.Select(d => new IdealDistanceBar(first.Schedule, first.Lambda ?? 0.5, MeanSpread.Of([d.Distance]), d.Run.Seed)));
            }
            else
            {
                bars.Add(new IdealDistanceBar(first.Schedule, first.Lambda ?? 0.5, MeanSpread.Of(distances.Select(d => d.Distance))));
            }
        }

        return bars;
    }

    /// <summary>The bar closest to the ideal point (a mean over seeds), or null when none has a finite distance yet.</summary>
    public static IdealDistanceBar? Best(IReadOnlyList<IdealDistanceBar> bars) =>
        bars.Where(b => double.IsFinite(b.Distance.Mean)).MinBy(b => b.Distance.Mean);
}
