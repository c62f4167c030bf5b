using System.Text.Json;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Training.Running.Experiments;
using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Queries;
using Forgetless.Web.Service.Storage;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service.Training;

/// <summary>
/// Once a seed's Sequential SFT→DPO run (the one at the λ nearest 0.5) completes, interpolates its weights with the
/// seed's SFT-only model and stores both held-out losses at each α on the seed's row. No training: seconds, on
/// the training thread right after the run. A failure is logged and leaves the run completed without a baseline.
/// </summary>
public sealed class InterpolationBaseline(IDbContextFactory<AppDbContext> dbFactory, DataDirectory dataDirectory, ILogger<InterpolationBaseline> logger)
{
    public void AfterRun(Run run, ExperimentSeed seed, ExperimentSpec spec, RunContext context)
    {
        if (run.Schedule != ScheduleNames.SequentialSftDpo) return;
        using var db = dbFactory.CreateDbContext();
        // The seed's own SFT-only run, or the one reused from an earlier experiment (then it is the sft_optimum reference).
        var sftOnlyRun = db.Runs.AsNoTracking()
            .Where(r => r.ExperimentId == run.ExperimentId && r.Seed == run.Seed && r.Role == RunRole.SftOptimum && r.Status == RunStatus.Completed)
            .Select(r => (int?)r.Id).FirstOrDefault()
            ?? (context.ReferenceModelPath is not null && run.Experiment?.ReferenceChoice == ReferenceChoices.SftOptimum ? seed.ReferenceRunId : null);
        if (sftOnlyRun is null)
        {
            logger.LogWarning("No SFT-only model for seed {Seed} of experiment {ExperimentId}: no interpolation baseline", run.Seed, run.ExperimentId);
            return;
        }

        var line = db.Runs.AsNoTracking()
            .Where(r => r.ExperimentId == run.ExperimentId && r.Seed == run.Seed && r.Schedule == ScheduleNames.SequentialSftDpo)
            .Select(r => new { r.Id, r.Lambda }).ToList()
            .MinBy(r => (Math.Abs((r.Lambda ?? 0.5) - 0.5), r.Id));
        if (line?.Id != run.Id) return;
        try
        {
            var points = WeightInterpolation.Evaluate(spec, context.ExperimentDirectory, FinalModel(sftOnlyRun.Value), FinalModel(run.Id),
                context.ReferenceModelPath, context.Device);
            var json = JsonSerializer.Serialize(points.Select(p => new InterpolationPoint(run.Seed, p.Alpha, p.SftLoss, p.DpoLoss)), ExperimentCommands.Json);
            db.ExperimentSeeds.Where(s => s.ExperimentId == run.ExperimentId && s.Seed == run.Seed)
                .ExecuteUpdate(s => s.SetProperty(x => x.InterpolationJson, json));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Weight interpolation for run {RunId} (seed {Seed}) failed", run.Id, run.Seed);
        }
    }

    private string FinalModel(int runId) => dataDirectory.Resolve($"runs/{runId}/{RunExecutor.FinalModelFileName}");
}
