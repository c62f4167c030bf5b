using Forgetless.Data.Entities;

namespace Forgetless.Web.Features.Samples;

/// <summary>
/// What the samples page compares before the user picks: the newest experiment's optima and every one of its
/// schedules (each at the λ nearest 0.5, its first seed), so forgetting shows at a glance and no schedule is left out.
/// </summary>
public static class SampleDefaults
{
    public static HashSet<int> Choose(IReadOnlyList<Run> runs)
    {
        var newest = runs.MaxBy(r => r.Id)?.ExperimentId;
        return runs.Where(r => r.ExperimentId == newest)
            .GroupBy(r => r.Schedule)
            .Select(g => g.OrderBy(r => Math.Abs((r.Lambda ?? 0.5) - 0.5)).ThenBy(r => r.Seed).ThenBy(r => r.Id).First())
            .Select(r => r.Id).ToHashSet();
    }
}
