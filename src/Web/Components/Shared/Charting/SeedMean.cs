namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// The bold line drawn over faint seed lines: at every step that all seeds have reported, the mean of their values.
/// A step some seed has not reached yet is left out, so a live mean only grows at its end.
/// </summary>
public static class SeedMean
{
    public static IReadOnlyList<ChartPoint> Of(IReadOnlyList<IReadOnlyList<ChartPoint>> seeds)
    {
        if (seeds.Count == 0)
        {
            return [];
        }

        var byStep = seeds.Select(s => s.GroupBy(p => p.X).ToDictionary(g => g.Key, g => g.Last().Y)).ToList();
        return seeds[0].Select(p => p.X).Distinct()
            .Where(x => byStep.All(s => s.ContainsKey(x)))
            .OrderBy(x => x)
            .Select(x => new ChartPoint(x, byStep.Average(s => s[x])))
            .ToList();
    }
}
