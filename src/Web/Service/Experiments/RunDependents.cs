using Forgetless.Data;
using Forgetless.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service.Experiments;

/// <summary>
/// Which runs other runs still wait for. An optimum run gives its experiment the ideal point, and the SFT-only run's
/// final model is the DPO reference of its experiment and of every experiment that reused it: while such an
/// experiment has Queued or Running runs, deleting the optimum run would leave them stuck or failing.
/// </summary>
internal static class RunDependents
{
    /// <summary>Why <paramref name="runs"/> cannot be deleted yet, or null. Runs of <paramref name="deletedExperimentId"/> go too, so they do not count.</summary>
    public static async Task<string?> BlockingReasonAsync(AppDbContext db, IReadOnlyList<Run> runs, int? deletedExperimentId, CancellationToken cancellationToken)
    {
        var deleted = runs.Select(r => r.Id).ToHashSet();
        foreach (var run in runs.Where(r => r.Role != RunRole.Schedule))
        {
            var givesReference = run.Role is RunRole.SftOptimum or RunRole.PrefSftReference;
            var waiting = await db.Runs.AsNoTracking()
                .Where(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Running)
                .Where(r => r.ExperimentId != deletedExperimentId && !deleted.Contains(r.Id))
                .Where(r => r.ExperimentId == run.ExperimentId || (givesReference && r.Experiment!.Seeds.Any(s => s.Seed == r.Seed && s.ReferenceRunId == run.Id)))
                .Select(r => new { r.Id, r.ExperimentId }).FirstOrDefaultAsync(cancellationToken);
            if (waiting is not null)
            {
                return $"Run {run.Id} ({run.Schedule}) gives experiment {waiting.ExperimentId} its ideal point or DPO reference, and run {waiting.Id} " +
                       "there is still queued or running. Cancel or finish it first.";
            }
        }

        return null;
    }
}
