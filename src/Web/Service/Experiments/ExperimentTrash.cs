using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Web.Service.Audit;
using Forgetless.Web.Service.Queue;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service.Experiments;

/// <summary>
/// Moves experiments to the trash and back, audited ("trashed", "restored"). A trashed experiment is hidden from lists and
/// its Queued runs wait (the queue's claim skips them) until it is restored; "delete forever" is
/// <see cref="ExperimentCommands.DeleteExperimentAsync"/>. An experiment with a running run is refused: cancel it first.
/// </summary>
public sealed class ExperimentTrash(IDbContextFactory<AppDbContext> dbFactory, IRunQueue queue, AuditLog audit)
{
    public static string RunningReason(int experimentId) =>
        $"A run of experiment {experimentId} is running; cancel it first (its queued runs may stay: they wait while it is in the trash).";

    public async Task<DeleteOutcome> TrashAsync(int experimentId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Marking first takes the row's lock: a claim holding it (PostgreSQL claims lock their experiment FOR SHARE) commits
        // before this goes on, so the check below sees its run; claims after this one skip the experiment.
        var now = DateTime.UtcNow;
        var marked = await db.Experiments.Where(e => e.Id == experimentId && e.TrashedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.TrashedAt, now).SetProperty(e => e.TrashedBy, actor), cancellationToken);
        if (marked == 0)
        {
            return await db.Experiments.AnyAsync(e => e.Id == experimentId, cancellationToken) ? DeleteOutcome.Done : DeleteOutcome.NotFound;
        }

        if (await db.Runs.AnyAsync(r => r.ExperimentId == experimentId && r.Status == RunStatus.Running, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return DeleteOutcome.Refused(RunningReason(experimentId));
        }

        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(actor, "trashed", "experiment", experimentId, experimentId, cancellationToken: CancellationToken.None);
        return DeleteOutcome.Done;
    }

    public async Task<DeleteOutcome> RestoreAsync(int experimentId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var restored = await db.Experiments.Where(e => e.Id == experimentId && e.TrashedAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.TrashedAt, (DateTime?)null).SetProperty(e => e.TrashedBy, (string?)null), cancellationToken);
        if (restored == 0)
        {
            return await db.Experiments.AnyAsync(e => e.Id == experimentId, cancellationToken) ? DeleteOutcome.Done : DeleteOutcome.NotFound;
        }

        queue.Signal(); // its queued runs are claimable again
        await audit.RecordAsync(actor, "restored", "experiment", experimentId, experimentId, cancellationToken: CancellationToken.None);
        return DeleteOutcome.Done;
    }
}
