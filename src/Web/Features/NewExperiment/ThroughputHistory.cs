using Forgetless.Data;
using Forgetless.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Features.NewExperiment;

/// <summary>Measured speed of this server: mean steps per second of the latest finished runs of a model.</summary>
public static class ThroughputHistory
{
    public static async Task<double?> StepsPerSecondAsync(
        IDbContextFactory<AppDbContext> dbFactory, string model, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Completed && r.StartedAt != null && r.FinishedAt != null && r.Experiment!.Model == model)
            .OrderByDescending(r => r.FinishedAt).Take(20)
            .Select(r => new { r.TotalSteps, r.StartedAt, r.FinishedAt }).ToListAsync(cancellationToken);
        var rates = runs.Select(r => r.TotalSteps / Math.Max((r.FinishedAt!.Value - r.StartedAt!.Value).TotalSeconds, 1e-3)).ToList();
        return rates.Count == 0 ? null : rates.Average();
    }
}
