namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// Compresses "which objective each step trained" into a strip of bins: each bin holds the share of DPO in its
/// steps (0 = all SFT, 1 = all DPO, a Mix step counts ½), or null where no step fell. 5,000 steps stay one row.
/// </summary>
public static class ObjectiveBins
{
    /// <summary>Objective codes as the engine reports them in the <c>objective</c> metric.</summary>
    public const double Sft = 0, Dpo = 1, Both = 2;

    public static double?[] DpoShare(IReadOnlyList<ChartPoint> objectiveByStep, double lastStep, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var sums = new double[bins];
        var counts = new int[bins];
        var width = Math.Max(lastStep, 1) / bins;
        foreach (var (step, objective) in objectiveByStep)
        {
            var bin = Math.Clamp((int)((step - 1) / width), 0, bins - 1);
            sums[bin] += objective switch { Dpo => 1, Both => 0.5, _ => 0 };
            counts[bin]++;
        }

        return Enumerable.Range(0, bins).Select(b => counts[b] == 0 ? (double?)null : sums[b] / counts[b]).ToArray();
    }
}
