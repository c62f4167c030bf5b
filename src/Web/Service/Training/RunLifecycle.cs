using System.Text.Json;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Live;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service.Training;

/// <summary>Status changes of runs in the database, each announced on the live feed; crash recovery at start-up.</summary>
public sealed class RunLifecycle(IDbContextFactory<AppDbContext> dbFactory, RunLiveFeed feed, IRunTrainer trainer, ILogger<RunLifecycle> logger)
{
    public const string NoCheckpointReason = "The service stopped (crash or restart) before this run saved its first checkpoint. Resume starts it over.";

    public async Task MarkRunningAsync(int runId, string device)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Device, device));
        await PublishAsync(db, runId, RunStatus.Running, null);
    }

    /// <summary>
    /// Stores how a run ended; an optimum run also fills in its seed's f* for MAXRIGHT, a reference run the seed's DPO
    /// reference (or either fails that seed's waiting runs).
    /// </summary>
    public async Task FinishAsync(int runId, RunOutcome outcome)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var run = await db.Runs.Include(r => r.Experiment).SingleAsync(r => r.Id == runId);
        run.Status = outcome.Status;
        run.Error = outcome.Error;
        run.FinishedAt = DateTime.UtcNow;
        run.FinalMetricsJson = outcome.FinalMetrics is null ? run.FinalMetricsJson : JsonSerializer.Serialize(outcome.FinalMetrics);
        if (trainer.LatestCheckpoint(runId) is { } checkpoint) (run.LastCheckpointPath, run.LastCheckpointStep) = checkpoint;
        var blocked = run.Role == RunRole.Schedule ? [] : await UpdateExperiment(db, run, outcome);
        await db.SaveChangesAsync();
        await PublishAsync(db, runId, outcome.Status, outcome.Error);
        foreach (var failed in blocked) await PublishAsync(db, failed, RunStatus.Failed, run.Error);
    }

    /// <summary>Runs this worker left Running: back to Queued when they have a checkpoint, else Interrupted with the reason.</summary>
    public async Task RecoverAsync(string workerId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var stranded = await db.Runs.Where(r => r.Status == RunStatus.Running && (r.ClaimedBy == workerId || r.ClaimedBy == null)).ToListAsync();
        foreach (var run in stranded)
        {
            var checkpoint = trainer.LatestCheckpoint(run.Id);
            (run.Status, run.Error) = checkpoint is null ? (RunStatus.Interrupted, NoCheckpointReason) : (RunStatus.Queued, null);
            if (checkpoint is { } found) (run.LastCheckpointPath, run.LastCheckpointStep) = found;
            else run.FinishedAt = DateTime.UtcNow;
            logger.LogWarning("Run {RunId} was left running; now {Status}", run.Id, run.Status);
        }

        await db.SaveChangesAsync();
        foreach (var run in stranded) feed.Publish(new RunStatusChange(run.Id, run.ExperimentId, run.Status, run.Error, DateTime.UtcNow));
    }

    private static async Task<List<int>> UpdateExperiment(AppDbContext db, Run run, RunOutcome outcome)
    {
        var experiment = run.Experiment!;
        // A reference or optimum run serves its own seed; the experiment's columns repeat the first seed's.
        var seed = await db.ExperimentSeeds.SingleAsync(s => s.ExperimentId == experiment.Id && s.Seed == run.Seed);
        var first = await db.ExperimentSeeds.Where(s => s.ExperimentId == experiment.Id).MinAsync(s => s.Seed) == run.Seed;
        if (outcome.Status == RunStatus.Completed && run.Role == RunRole.PrefSftReference)
        {
            seed.ReferenceRunId = run.Id;
            if (first) experiment.ReferenceRunId = run.Id;
            return [];
        }

        if (outcome.Status == RunStatus.Completed && IdealPointFrom.Optimum(run) is { } optimum)
        {
            var isReference = run.Role == RunRole.SftOptimum && experiment.ReferenceChoice == ReferenceChoices.SftOptimum;
            if (run.Role == RunRole.DpoOptimum) seed.IdealDpo = optimum;
            else seed.IdealSft = optimum;
            if (isReference) seed.ReferenceRunId = run.Id;
            if (first) (experiment.IdealSft, experiment.IdealDpo, experiment.ReferenceRunId) = (seed.IdealSft, seed.IdealDpo, seed.ReferenceRunId);
            return [];
        }

        if (outcome.Status != RunStatus.Failed) return [];
        // Without its seed's ideal point the seed's schedules can never start: fail them now, saying why.
        var blocked = await db.Runs.Where(r => r.ExperimentId == experiment.Id && r.Seed == run.Seed && r.Status == RunStatus.Queued && r.Id != run.Id).ToListAsync();
        foreach (var other in blocked)
        {
            (other.Status, other.Error, other.FinishedAt) = (RunStatus.Failed, $"The {run.Schedule} run ({run.Id}) failed: {outcome.Error}", DateTime.UtcNow);
        }

        return blocked.ConvertAll(r => r.Id);
    }

    private async Task PublishAsync(AppDbContext db, int runId, RunStatus status, string? error)
    {
        var experimentId = await db.Runs.Where(r => r.Id == runId).Select(r => r.ExperimentId).SingleAsync();
        feed.Publish(new RunStatusChange(runId, experimentId, status, error, DateTime.UtcNow));
    }
}
