using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Web.Service.Queue;
using Forgetless.Web.Service.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forgetless.Web.Service.Workers;

/// <summary>What the Workers page shows: each worker's state and runs, the queue in claim order, a run's stretches.</summary>
public sealed class WorkerQueries(IDbContextFactory<AppDbContext> dbFactory, IRunQueue queue, IOptions<TrainingOptions> options)
{
    public async Task<IReadOnlyList<WorkerSummary>> ListWorkersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var workers = await db.Workers.AsNoTracking().OrderBy(w => w.Name).ToListAsync(cancellationToken);
        var running = await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Running && r.ClaimedBy != null)
            .Select(r => new { r.Id, r.ClaimedBy }).ToListAsync(cancellationToken);
        var now = DateTime.UtcNow;
        return workers.ConvertAll(w =>
        {
            var runs = running.Where(r => r.ClaimedBy == w.Name).Select(r => r.Id).Order().ToList();
            return new WorkerSummary(w.Name, w.Host, w.Device, w.Slots, runs, w.HeartbeatAt, StateOf(w, runs.Count, now));
        });
    }

    /// <summary>
    /// The Running runs with their worker, then the Queued runs a worker could take now, numbered in the order the claim
    /// takes them (position 1 is next), then those waiting for an earlier run of their seed. A trashed experiment's wait
    /// outside the queue and are not listed.
    /// </summary>
    public async Task<IReadOnlyList<QueueEntry>> ListQueueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.AsNoTracking().Where(r => (r.Status == RunStatus.Queued && r.Experiment!.TrashedAt == null) || r.Status == RunStatus.Running)
            .Select(r => new { r.Id, r.ExperimentId, ExperimentName = r.Experiment!.Name, r.Schedule, r.Lambda, r.Status, r.Role, r.ClaimedBy, r.Attempt })
            .ToListAsync(cancellationToken);
        var runnable = await queue.RunnableAsync(cancellationToken);
        var position = runnable.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index + 1);
        return runs.OrderBy(r => r.Status == RunStatus.Running ? 0 : position.ContainsKey(r.Id) ? 1 : 2).ThenBy(r => position.GetValueOrDefault(r.Id)).ThenBy(r => r.Id)
            .Select(r => new QueueEntry(r.Id, r.ExperimentId, r.ExperimentName, r.Schedule, r.Lambda, r.Status,
                position.TryGetValue(r.Id, out var p) ? p : null, r.ClaimedBy, r.Attempt,
                r.Status == RunStatus.Queued && !position.ContainsKey(r.Id) ? WaitsFor(r.Role) : null))
            .ToList();
    }

    // What the claim's gate (RunQueueSql) waits for, by role; the pref-SFT reference run never waits.
    private static string WaitsFor(RunRole role) => role switch
    {
        RunRole.SftOptimum => "its seed's reference run",
        RunRole.DpoOptimum => "its seed's SFT-only run (f*_SFT)",
        _ => "its seed's SFT-only and DPO-only runs (the ideal point)",
    };

    /// <summary>Which worker trained each stretch of a run, oldest first.</summary>
    public async Task<IReadOnlyList<RunStretch>> StretchesAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RunStretches.AsNoTracking().Where(s => s.RunId == runId).OrderBy(s => s.Attempt).ToListAsync(cancellationToken);
    }

    private WorkerState StateOf(Worker worker, int runs, DateTime now) =>
        worker.StoppedAt is not null ? WorkerState.Stopped
        : now - worker.HeartbeatAt > options.Value.LeaseDuration ? WorkerState.Lost
        : runs > 0 ? WorkerState.Busy : WorkerState.Idle;
}

public enum WorkerState
{
    Idle,
    Busy,
    Lost,
    Stopped,
}

public sealed record WorkerSummary(string Name, string Host, string Device, int Slots, IReadOnlyList<int> Runs, DateTime HeartbeatAt, WorkerState State);

public sealed record QueueEntry(int RunId, int ExperimentId, string Experiment, string Schedule, double? Lambda, RunStatus Status, int? Position, string? Worker, int Attempt, string? WaitsFor);
