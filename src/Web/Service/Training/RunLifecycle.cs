using System.Text.Json;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Live;
using Forgetless.Web.Service.Queue;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service.Training;

/// <summary>
/// Status changes of runs in the database, each announced on the live feed; crash recovery at start-up and
/// re-queueing of runs whose lease expired. Every write of a claimed run is conditional on its attempt: a worker
/// that lost its claim changes nothing.
/// </summary>
public sealed class RunLifecycle(IDbContextFactory<AppDbContext> dbFactory, RunLiveFeed feed, IRunTrainer trainer, ILogger<RunLifecycle> logger)
{
    /// <summary>
    /// Attempts a run may lose before its first checkpoint and still go back to the queue to start over; past that it is
    /// Interrupted, so a run that kills its worker every time does not loop (and block what depends on it) for ever.
    /// </summary>
    public const int StartsOverWithoutCheckpoint = 3;

    public static readonly string NoCheckpointReason = $"The service stopped (crash, restart or lost lease) {StartsOverWithoutCheckpoint} times before this run saved its first checkpoint, so it was not re-queued again. Resume starts it over.";

    /// <summary>The outcome of a stretch whose worker stopped renewing its lease.</summary>
    public const string LeaseExpired = "LeaseExpired";

    /// <summary>Records the device and the stretch (worker, attempt, first step); false when the claim is already stale.</summary>
    public async Task<bool> MarkRunningAsync(RunClaim claim, string worker, string device)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var changed = await Held(db, claim).ExecuteUpdateAsync(s => s.SetProperty(r => r.Device, device));
        if (changed == 0) return false;
        db.RunStretches.Add(new RunStretch
        {
            RunId = claim.RunId, Attempt = claim.Attempt, Worker = worker, FromStep = trainer.LatestCheckpoint(claim.RunId)?.Step ?? 0, StartedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        await PublishAsync(db, claim.RunId, RunStatus.Running, null);
        return true;
    }

    /// <summary>
    /// Stores how a run ended; an optimum run also fills in its seed's f* for MAXRIGHT, a reference run the seed's DPO
    /// reference (or either fails that seed's waiting runs). False, and nothing written, when the claim is stale.
    /// </summary>
    public async Task<bool> FinishAsync(RunClaim claim, RunOutcome outcome)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var checkpoint = trainer.LatestCheckpoint(claim.RunId);
        var (checkpointPath, checkpointStep) = (checkpoint?.Path, checkpoint?.Step);
        var finalMetrics = outcome.FinalMetrics is null ? null : JsonSerializer.Serialize(outcome.FinalMetrics);
        var now = DateTime.UtcNow;
        // The conditional update is the fence: once it succeeds the run is no longer Running, so no one can claim it meanwhile.
        var changed = await Held(db, claim).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, outcome.Status).SetProperty(r => r.Error, outcome.Error).SetProperty(r => r.FinishedAt, now)
            .SetProperty(r => r.LeaseExpiresAt, (DateTime?)null)
            .SetProperty(r => r.FinalMetricsJson, r => finalMetrics ?? r.FinalMetricsJson)
            .SetProperty(r => r.LastCheckpointPath, r => checkpointPath ?? r.LastCheckpointPath)
            .SetProperty(r => r.LastCheckpointStep, r => checkpointStep ?? r.LastCheckpointStep));
        if (changed == 0)
        {
            logger.LogWarning("Run {RunId} attempt {Attempt} ended {Status}, but the claim is stale; nothing recorded", claim.RunId, claim.Attempt, outcome.Status);
            return false;
        }

        await EndStretchAsync(db, claim, outcome.Status.ToString());
        var run = await db.Runs.Include(r => r.Experiment).SingleAsync(r => r.Id == claim.RunId);
        var blocked = run.Role == RunRole.Schedule ? [] : await UpdateExperiment(db, run, outcome);
        await db.SaveChangesAsync();
        await PublishAsync(db, claim.RunId, outcome.Status, outcome.Error);
        foreach (var failed in blocked) await PublishAsync(db, failed, RunStatus.Failed, run.Error);
        return true;
    }

    /// <summary>Runs this worker left Running: back to Queued (from their checkpoint, or starting over while attempts remain), else Interrupted with the reason.</summary>
    public async Task RecoverAsync(string workerId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await ReleaseAsync(db, await db.Runs.Where(r => r.Status == RunStatus.Running && (r.ClaimedBy == workerId || r.ClaimedBy == null)).ToListAsync());
    }

    /// <summary>Runs whose lease ran out (their worker died or stalled), released as <see cref="RecoverAsync"/> does; any process calls it.</summary>
    public async Task<int> RequeueExpiredAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        return await ReleaseAsync(db, await db.Runs.Where(r => r.Status == RunStatus.Running && r.LeaseExpiresAt != null && r.LeaseExpiresAt < now).ToListAsync());
    }

    private async Task<int> ReleaseAsync(AppDbContext db, List<Run> stranded)
    {
        var released = new List<Run>();
        foreach (var run in stranded)
        {
            var checkpoint = trainer.LatestCheckpoint(run.Id);
            var (checkpointPath, checkpointStep) = (checkpoint?.Path, checkpoint?.Step);
            // Without a checkpoint the run starts over (ResumePoints drops its points), a few times at most.
            var giveUp = checkpoint is null && run.Attempt >= StartsOverWithoutCheckpoint;
            var status = giveUp ? RunStatus.Interrupted : RunStatus.Queued;
            var (error, finished) = giveUp ? (NoCheckpointReason, (DateTime?)DateTime.UtcNow) : (null, null);
            // Conditional on the attempt seen: a heartbeat or another process may have got there first.
            var changed = await Held(db, new RunClaim(run.Id, run.Attempt)).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status).SetProperty(r => r.Error, error).SetProperty(r => r.FinishedAt, finished)
                .SetProperty(r => r.LeaseExpiresAt, (DateTime?)null).SetProperty(r => r.ClaimedBy, (string?)null)
                .SetProperty(r => r.LastCheckpointPath, r => checkpointPath ?? r.LastCheckpointPath)
                .SetProperty(r => r.LastCheckpointStep, r => checkpointStep ?? r.LastCheckpointStep));
            if (changed == 0) continue;
            await EndStretchAsync(db, new RunClaim(run.Id, run.Attempt), LeaseExpired);
            logger.LogWarning("Run {RunId} (attempt {Attempt}, {Worker}) was left running; now {Status}", run.Id, run.Attempt, run.ClaimedBy ?? "no worker", status);
            run.Status = status;
            run.Error = error;
            released.Add(run);
        }

        foreach (var run in released) feed.Publish(new RunStatusChange(run.Id, run.ExperimentId, run.Status, run.Error, DateTime.UtcNow));
        return released.Count;
    }

    private static IQueryable<Run> Held(AppDbContext db, RunClaim claim) =>
        db.Runs.Where(r => r.Id == claim.RunId && r.Attempt == claim.Attempt && r.Status == RunStatus.Running);

    private static Task<int> EndStretchAsync(AppDbContext db, RunClaim claim, string outcome)
    {
        var now = DateTime.UtcNow;
        return db.RunStretches.Where(s => s.RunId == claim.RunId && s.Attempt == claim.Attempt && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.Outcome, outcome));
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
