using Forgetless.Data;
using Forgetless.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>
/// Optimum runs an experiment did not train because identical finished ones existed (ExperimentCommands reuses them):
/// the other experiments' runs it takes its DPO reference from, and whether MAXRIGHT's f* came from elsewhere.
/// </summary>
public sealed record ReusedOptima(IReadOnlyList<ReusedOptima.Source> References, bool IdealsReused)
{
    public sealed record Source(int RunId, int ExperimentId, string ExperimentName);

    /// <summary>Null when the experiment trains all its own optimum runs.</summary>
    public static async Task<ReusedOptima?> ForAsync(AppDbContext db, Experiment experiment, IReadOnlyCollection<Run> runs, CancellationToken cancellationToken = default)
    {
        var references = await db.ExperimentSeeds.AsNoTracking()
            .Where(s => s.ExperimentId == experiment.Id && s.ReferenceRunId != null).Select(s => s.ReferenceRunId!.Value).ToListAsync(cancellationToken);
        var elsewhere = await db.Runs.AsNoTracking().Where(r => references.Contains(r.Id) && r.ExperimentId != experiment.Id)
            .OrderBy(r => r.Id).Select(r => new Source(r.Id, r.ExperimentId, r.Experiment!.Name)).ToListAsync(cancellationToken);
        var idealsReused = experiment.IdealSft is not null && runs.All(r => r.Role != RunRole.SftOptimum)
            || experiment.IdealDpo is not null && runs.All(r => r.Role != RunRole.DpoOptimum);
        return elsewhere.Count > 0 || idealsReused ? new(elsewhere, idealsReused) : null;
    }
}
