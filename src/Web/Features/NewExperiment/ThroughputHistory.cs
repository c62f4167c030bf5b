using Forgetless.Data;
using Forgetless.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Features.NewExperiment;

/// <summary>Measured speed of this server on a model, from its latest finished runs.</summary>
public static class ThroughputHistory
{
    /// <summary>
    /// Tokens per second of wall time (evaluation and checkpoints included): the runs' last <c>num_tokens</c> over the time
    /// from start to finish, so an estimate made with it is for the whole run. Null before the model finished a run.
    /// </summary>
    public static async Task<double?> TokensPerSecondAsync(
        IDbContextFactory<AppDbContext> dbFactory, string model, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Completed && r.StartedAt != null && r.FinishedAt != null && r.Experiment!.Model == model)
            .OrderByDescending(r => r.FinishedAt).Take(20)
            .Select(r => new { r.Id, r.StartedAt, r.FinishedAt }).ToListAsync(cancellationToken);
        var ids = runs.ConvertAll(r => r.Id);
        var tokens = await db.MetricPoints.AsNoTracking()
            .Where(p => ids.Contains(p.RunId) && p.Name == Forgetless.Training.Running.MetricNames.NumTokens)
            .GroupBy(p => p.RunId).Select(g => new { RunId = g.Key, Tokens = g.Max(p => p.Value) }).ToListAsync(cancellationToken);
        var seconds = runs.Where(r => tokens.Any(t => t.RunId == r.Id && t.Tokens > 0)).Sum(r => (r.FinishedAt!.Value - r.StartedAt!.Value).TotalSeconds);
        var total = tokens.Sum(t => t.Tokens ?? 0);
        return seconds > 0 && total > 0 ? total / seconds : null;
    }

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
