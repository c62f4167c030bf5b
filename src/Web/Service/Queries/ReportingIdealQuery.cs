using System.Globalization;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Training.Running;
using Forgetless.Training.Schedules;
using Forgetless.Web.Components.Shared.Charting;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service.Queries;

/// <summary>
/// The reporting ideal point of an experiment, computed from its stored held-out evaluations (<see cref="ReportingIdeal"/>):
/// each f* is the best value any of its runs reached at any evaluation step so far. The pref-SFT reference run is left
/// out: its f_SFT is measured on other data and its f_DPO against another reference. Not stored: it moves while runs train.
/// </summary>
public static class ReportingIdealQuery
{
    /// <summary>Over every run of the experiment, or over the runs of one <paramref name="seed"/>.</summary>
    public static async Task<ReportingIdeal?> ForExperimentAsync(AppDbContext db, int experimentId, int? seed = null, CancellationToken cancellationToken = default)
    {
        var runs = await db.Runs.AsNoTracking().Where(r => r.ExperimentId == experimentId && r.Role != RunRole.PrefSftReference && (seed == null || r.Seed == seed))
            .Select(r => new { r.Id, r.Schedule, r.Lambda }).ToListAsync(cancellationToken);
        var ids = runs.Select(r => r.Id).ToList();
        var points = await db.MetricPoints.AsNoTracking()
            .Where(p => ids.Contains(p.RunId) && (p.Name == MetricNames.EvalSftLoss || p.Name == MetricNames.EvalDpoLoss))
            .OrderBy(p => p.RunId).ThenBy(p => p.Step)
            .Select(p => new HeldOutPoint(p.RunId, p.Step, p.Name, p.Value)).ToListAsync(cancellationToken);
        return Estimate(points, runs.ToDictionary(r => r.Id, r => Label(r.Schedule, r.Lambda)));
    }

    /// <summary>
    /// The estimate from held-out points already read (in run, step order), over the runs named in <paramref name="labels"/>
    /// (the caller leaves the pref-SFT reference run out); points of other runs are ignored.
    /// </summary>
    public static ReportingIdeal? Estimate(IEnumerable<HeldOutPoint> points, IReadOnlyDictionary<int, string> labels)
    {
        var observations = points.Where(p => labels.ContainsKey(p.RunId)).GroupBy(p => (p.RunId, p.Step)).Select(g => new HeldOutObservation(
            labels[g.Key.RunId], g.Key.Step,
            g.FirstOrDefault(p => p.Name == MetricNames.EvalSftLoss)?.Value ?? double.NaN,
            g.FirstOrDefault(p => p.Name == MetricNames.EvalDpoLoss)?.Value ?? double.NaN));
        return ReportingIdeal.Estimate(observations);
    }

    public static string Label(string schedule, double? lambda) =>
        SchedulePalette.DisplayName(schedule) + (lambda is { } l ? string.Create(CultureInfo.InvariantCulture, $" λ={l:0.##}") : "");
}

/// <summary>One stored held-out evaluation value (eval_sft_loss or eval_dpo_loss) of a run.</summary>
public sealed record HeldOutPoint(int RunId, long Step, string Name, double? Value);
