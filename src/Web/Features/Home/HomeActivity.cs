using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Training.Running;
using Forgetless.Web.Service.Queries;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Features.Home;

/// <summary>An experiment on Home: where it stands, and whether the signed-in user launched it.</summary>
public sealed record RecentExperiment(int Id, string Name, string CreatedBy, DateTime CreatedAt, RunCounts Counts);

/// <summary>A run that is training or waiting: its progress (optimiser steps done of total) and the worker holding it.</summary>
public sealed record ActiveRun(int RunId, int ExperimentId, string Experiment, string Schedule, double? Lambda, RunStatus Status, long StepsDone, int TotalSteps, string? Worker)
{
    public string ScheduleName => ReportingIdealQuery.Label(Schedule, Lambda);
}

/// <summary>
/// What Home shows a signed-in user below the introduction: the newest experiments outside the trash, the runs training
/// and queued now (running first, then in claim order), and where to continue: the user's own newest experiment.
/// </summary>
public sealed record HomeActivity(IReadOnlyList<RecentExperiment> Recent, IReadOnlyList<ActiveRun> Active, int ActiveCount, RecentExperiment? Continue)
{
    public const int RecentShown = 5;
    public const int ActiveShown = 8;

    public static async Task<HomeActivity> ReadAsync(IDbContextFactory<AppDbContext> dbFactory, string? user, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var live = db.Experiments.AsNoTracking().Where(e => e.TrashedAt == null);
        var recent = await RecentAsync(live.OrderByDescending(e => e.Id).Take(RecentShown), cancellationToken);
        var mine = user is null ? null : (await RecentAsync(live.Where(e => e.CreatedBy == user).OrderByDescending(e => e.Id).Take(1), cancellationToken)).FirstOrDefault();

        var active = db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Running || (r.Status == RunStatus.Queued && r.Experiment!.TrashedAt == null));
        var count = await active.CountAsync(cancellationToken);
        var runs = await active.OrderBy(r => r.Status == RunStatus.Running ? 0 : 1).ThenBy(r => r.Id).Take(ActiveShown)
            .Select(r => new { r.Id, r.ExperimentId, Experiment = r.Experiment!.Name, r.Schedule, r.Lambda, r.Status, r.TotalSteps, r.ClaimedBy, r.LastCheckpointStep })
            .ToListAsync(cancellationToken);
        var ids = runs.Select(r => r.Id).ToList();
        // Steps done, by the rule every page uses (ExperimentMetrics.StepsDoneAfter) on each counted metric's last stored point.
        var lastPoints = await db.MetricPoints.AsNoTracking().Where(m => ids.Contains(m.RunId) && ExperimentDetail.ExperimentMetrics.StepMetrics.Contains(m.Name))
            .GroupBy(m => new { m.RunId, m.Name }).Select(g => new { g.Key.RunId, g.Key.Name, Step = g.Max(m => m.Step) }).ToListAsync(cancellationToken);
        var done = lastPoints.GroupBy(p => p.RunId).ToDictionary(g => g.Key, g => g.Max(p => ExperimentDetail.ExperimentMetrics.StepsDoneAfter(p.Name, p.Step)));
        return new HomeActivity(recent,
            [.. runs.Select(r => new ActiveRun(r.Id, r.ExperimentId, r.Experiment, r.Schedule, r.Lambda, r.Status,
                Math.Max(done.GetValueOrDefault(r.Id), r.LastCheckpointStep ?? 0), r.TotalSteps, r.Status == RunStatus.Running ? r.ClaimedBy : null))],
            count, mine);
    }

    /// <summary>Steps a live batch says the run has done (0 when it carries no training step or evaluation).</summary>
    public static long StepsDone(IEnumerable<Forgetless.Training.Running.MetricPoint> points) => points
        .Select(p => ExperimentDetail.ExperimentMetrics.StepsDoneAfter(p.Name, p.Step)).DefaultIfEmpty(0).Max();

    private static async Task<List<RecentExperiment>> RecentAsync(IQueryable<Experiment> experiments, CancellationToken cancellationToken)
    {
        var rows = await experiments.Select(e => new { e.Id, e.Name, e.CreatedBy, e.CreatedAt, Statuses = e.Runs.Select(r => r.Status).ToList() })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(e => new RecentExperiment(e.Id, e.Name, e.CreatedBy, e.CreatedAt, RunCounts.Of(e.Statuses)))];
    }
}
