using Forgetless.Data;
using Forgetless.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service.Audit;

/// <summary>Who created, cancelled, resumed, deleted, tagged or edited what, and when. Written after the change succeeded.</summary>
public sealed class AuditLog(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int MaxEntries = 500;

    public async Task RecordAsync(string actor, string action, string targetKind, int targetId, int? experimentId = null, string detail = "", CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            Time = DateTime.UtcNow, Actor = actor, Action = action, TargetKind = targetKind, TargetId = targetId, ExperimentId = experimentId,
            Detail = detail.Length > 1000 ? detail[..1000] : detail,
        });
        await db.SaveChangesAsync(CancellationToken.None); // the change is done; its record must not be lost to a closed browser tab
    }

    /// <summary>Records a change to a run, filing it under the run's experiment too.</summary>
    public async Task RecordRunAsync(string actor, string action, int runId, string detail = "", CancellationToken cancellationToken = default)
    {
        int? experimentId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            experimentId = await db.Runs.Where(r => r.Id == runId).Select(r => (int?)r.ExperimentId).SingleOrDefaultAsync(cancellationToken);
        }

        await RecordAsync(actor, action, "run", runId, experimentId, detail, cancellationToken);
    }

    /// <summary>Newest first; every filter is optional. <paramref name="experimentId"/> matches the experiment and its runs.</summary>
    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(
        string? actor = null, string? targetKind = null, int? targetId = null, int? experimentId = null, DateTime? since = null, int max = MaxEntries, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (actor is not null) query = query.Where(a => a.Actor == actor);
        if (targetKind is not null) query = query.Where(a => a.TargetKind == targetKind);
        if (targetId is not null) query = query.Where(a => a.TargetId == targetId);
        if (experimentId is not null) query = query.Where(a => a.ExperimentId == experimentId || (a.TargetKind == "experiment" && a.TargetId == experimentId));
        if (since is not null) query = query.Where(a => a.Time >= since);
        var rows = await query.OrderByDescending(a => a.Id).Take(Math.Clamp(max, 1, MaxEntries)).ToListAsync(cancellationToken);
        return [.. rows.Select(a => new AuditRecord(a.Time, a.Actor, a.Action, a.TargetKind, a.TargetId, a.ExperimentId, a.Detail))];
    }
}
