using Forgetless.Data;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>Loads runs' stored curves into an <see cref="ExperimentMetrics"/>; returns how many points were new.</summary>
public static class StoredMetrics
{
    public static async Task<long> LoadAsync(AppDbContext db, IReadOnlyCollection<int> runIds, ExperimentMetrics into)
    {
        var stored = await db.MetricPoints.AsNoTracking().Where(p => runIds.Contains(p.RunId))
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
