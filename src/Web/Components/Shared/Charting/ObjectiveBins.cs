namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// Compresses "which objective each step trained" into a strip of bins: each bin holds the share of DPO in its
/// steps (0 = all SFT, 1 = all DPO, a Mix step counts ½), or null where no step fell. 5,000 steps stay one row.
/// </summary>
public static class ObjectiveBins
{
    /// <summary>Objective codes as the engine reports them in the <c>objective</c> metric.</summary>
    public const double Sft = 0, Dpo = 1, Both = 2;

    /// <param name="objectiveByStep">The engine's 0-based steps: a run of n steps reports steps 0 … n − 1.</param>
    /// <param name="steps">How many steps the strip spans (the longest run's last step + 1).</param>
    /// <param name="bins">Bins across the strip; with as many bins as steps, each step has its own.</param>
    public static double?[] DpoShare(IReadOnlyList<ChartPoint> objectiveByStep, double steps, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var sums = new double[bins];
        var counts = new int[bins];
        var width = Math.Max(steps, 1) / bins;
        foreach (var (step, objective) in objectiveByStep)
        {
            var bin = Math.Clamp((int)(step / width), 0, bins - 1);
            sums[bin] += objective switch { Dpo => 1, Both => 0.5, _ => 0 };
            counts[bin]++;
        }

        return Enumerable.Range(0, bins).Select(b => counts[b] == 0 ? (double?)null : sums[b] / counts[b]).ToArray();
    }
}
