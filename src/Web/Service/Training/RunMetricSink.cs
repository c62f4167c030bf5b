using Forgetless.Data.Metrics;
using Forgetless.Training.Running;
using Forgetless.Web.Service.Live;

namespace Forgetless.Web.Service.Training;

/// <summary>
/// Where a run's engine reports go: the batched writer (fenced by the attempt) and the live feed. The writer never
/// blocks training except once per checkpoint: the trainer saves checkpoint s right after reporting step s-1, and a
/// resume (here or on another worker) prunes points from s on, so every point before s must be stored before the
/// checkpoint exists, or a crash would leave a gap the resumed run never fills.
/// </summary>
public sealed class RunMetricSink(int runId, int attempt, MetricWriter writer, RunLiveFeed feed, int checkpointInterval = 0) : IMetricSink
{
    public void Report(IReadOnlyList<MetricPoint> points)
    {
        var now = DateTime.UtcNow;
        var rows = new MetricRow[points.Count];
        var beforeCheckpoint = false;
        for (var i = 0; i < points.Count; i++)
        {
            rows[i] = new MetricRow(runId, points[i].Step, points[i].Name, points[i].Value, now, attempt);
            beforeCheckpoint |= checkpointInterval > 0 && (points[i].Step + 1) % checkpointInterval == 0;
        }

        writer.Enqueue(rows);
        feed.Publish(new RunMetricBatch(runId, points));
        if (beforeCheckpoint) writer.FlushAsync().GetAwaiter().GetResult();
    }
}
