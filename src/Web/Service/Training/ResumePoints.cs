using Forgetless.Data;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service.Training;

/// <summary>
/// Before a run continues from the checkpoint of step s, drops the points the continuation reports again. The
/// engine's trainer saves checkpoint s after training step s-1 and before the evaluation at s, so everything at
/// step s and later is reported again; without a checkpoint the run starts over and keeps nothing.
/// </summary>
public static class ResumePoints
{
    public static int Prune(AppDbContext db, int runId, long? checkpointStep)
    {
        var from = checkpointStep ?? long.MinValue;
        return db.MetricPoints.Where(m => m.RunId == runId && m.Step >= from).ExecuteDelete();
    }
}
