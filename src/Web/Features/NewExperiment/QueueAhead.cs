using Forgetless.Data;
using Forgetless.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Features.NewExperiment;

/// <summary>
/// The runs a new experiment waits behind (every Queued or Running run now) and when it should start: their remaining
/// steps at each model's measured steps per second, shared by the training slots of the workers alive now (a heartbeat
/// within <c>lease</c>; at least one). <see cref="Unmeasured"/> runs are of a model with no finished run yet, so the wait
/// is at least <see cref="Wait"/>.
/// </summary>
public sealed record QueueAhead(int Running, int Queued, TimeSpan Wait, int Unmeasured)
{
    public int Count => Running + Queued;

    /// <summary>Runs that train at once: the training slots of the workers alive now, at least one.</summary>
    public int Slots { get; init; } = 1;

    public static async Task<QueueAhead> ReadAsync(IDbContextFactory<AppDbContext> dbFactory, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var aliveSince = DateTime.UtcNow - lease;
        var slots = await db.Workers.AsNoTracking().Where(w => w.StoppedAt == null && w.HeartbeatAt >= aliveSince).SumAsync(w => w.Slots, cancellationToken);
        var ahead = await db.Runs.AsNoTracking()
            .Where(r => (r.Status == RunStatus.Queued && r.Experiment!.TrashedAt == null) || r.Status == RunStatus.Running) // a trashed experiment's runs wait
            .Select(r => new { r.Status, r.TotalSteps, Done = r.LastCheckpointStep ?? 0, r.Experiment!.Model })
            .ToListAsync(cancellationToken);
        var seconds = 0.0;
        var unmeasured = 0;
        foreach (var model in ahead.GroupBy(r => r.Model))
        {
            var rate = await ThroughputHistory.StepsPerSecondAsync(dbFactory, model.Key, cancellationToken);
            var steps = model.Sum(r => Math.Max(0, r.TotalSteps - r.Done));
            if (rate is > 0) seconds += steps / rate.Value; else unmeasured += model.Count();
        }

        return new(ahead.Count(r => r.Status == RunStatus.Running), ahead.Count(r => r.Status == RunStatus.Queued), TimeSpan.FromSeconds(seconds / Math.Max(1, slots)), unmeasured)
        {
            Slots = Math.Max(1, slots),
        };
    }
}
