namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// A star on the trade-off plane: an ideal point (f*_DPO, f*_SFT). Over several seeds it is the mean of the seeds' own
/// ideal points, with their spread as error bars; <see cref="Faint"/> marks one seed's own star drawn under that mean.
/// </summary>
public sealed record PlaneIdeal(string Name, MeanSpread Dpo, MeanSpread Sft, bool Faint = false)
{
    public ChartPoint Point => new(Dpo.Mean, Sft.Mean);

    /// <summary>
    /// The stars that match the distance bars, which measure each seed's run against its own seed's ideal point: one
    /// seed, its star; several, the mean of their stars (± one standard deviation) and, when single seeds are shown,
    /// each seed's own star as well. A seed without its own point uses <paramref name="fallback"/>, as the bars do.
    /// </summary>
    public static IReadOnlyList<PlaneIdeal> For(IReadOnlyCollection<int> seeds, IReadOnlyDictionary<int, ChartPoint> seedIdeals,
        ChartPoint? fallback, bool singleSeeds)
    {
        var points = seeds.Order().Select(s => (Seed: s, Point: seedIdeals.TryGetValue(s, out var own) ? own : fallback))
            .Where(s => s.Point is not null).Select(s => (s.Seed, Point: s.Point!.Value)).ToList();
        if (points.Count <= 1)
        {
            return points.Count == 1 ? [Exact("ideal point (f*_DPO, f*_SFT)", points[0].Point)]
                : fallback is { } only ? [Exact("ideal point (f*_DPO, f*_SFT)", only)] : [];
        }

        List<PlaneIdeal> stars = [new($"ideal point: mean of the {points.Count} seeds' own (± 1 std)",
            MeanSpread.Of(points.Select(p => p.Point.X)), MeanSpread.Of(points.Select(p => p.Point.Y)))];
        if (singleSeeds)
        {
            stars.AddRange(points.Select(p => Exact($"ideal point of seed {p.Seed}", p.Point) with { Faint = true }));
        }

        return stars;
    }

    private static PlaneIdeal Exact(string name, ChartPoint point) => new(name, MeanSpread.Of([point.X]), MeanSpread.Of([point.Y]));
}
