using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Training.Running;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Features.NewExperiment;

/// <summary>Measured speed of this server on a model, from its latest finished runs.</summary>
public static class ThroughputHistory
{
    /// <summary>
    /// The model's <see cref="TrainingSpeed"/> from its latest 20 completed runs here: start to finish, and their final
    /// <c>train_seconds</c>, <c>eval_seconds</c> and <c>num_tokens</c>, with the evaluations they reported. Runs finished
    /// before <c>train_seconds</c> was recorded are left out. Null before the model finished a run.
    /// </summary>
    public static async Task<TrainingSpeed?> SpeedAsync(
        IDbContextFactory<AppDbContext> dbFactory, string model, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Completed && r.StartedAt != null && r.FinishedAt != null && r.FinalMetricsJson != null && r.Experiment!.Model == model)
            .OrderByDescending(r => r.FinishedAt).Take(20)
            .Select(r => new { r.Id, r.StartedAt, r.FinishedAt, r.FinalMetricsJson }).ToListAsync(cancellationToken);
        var ids = runs.ConvertAll(r => r.Id);
        var evaluations = await db.MetricPoints.AsNoTracking()
            .Where(p => ids.Contains(p.RunId) && p.Name == MetricNames.EvalSftLoss)
            .GroupBy(p => p.RunId).Select(g => new { RunId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.RunId, g => g.Count, cancellationToken);
        return TrainingSpeed.From(runs.Select(r => (Run: r, Final: Run.FinalMetricsFrom(r.FinalMetricsJson)!))
            .Where(r => r.Final.ContainsKey(MetricNames.TrainSeconds))
            .Select(r => new FinishedRun((r.Run.FinishedAt!.Value - r.Run.StartedAt!.Value).TotalSeconds, r.Final[MetricNames.TrainSeconds],
                r.Final.TryGetValue(MetricNames.EvalSeconds, out var eval) ? eval : null, r.Final.GetValueOrDefault(MetricNames.NumTokens),
                evaluations.GetValueOrDefault(r.Run.Id))));
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
