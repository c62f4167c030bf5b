using Forgetless.Data.Metrics;
using Forgetless.Training.Running;
using Forgetless.Web.Service.Live;

namespace Forgetless.Web.Service.Training;

/// <summary>Where a run's engine reports go: the batched writer (never blocks; fenced by the attempt) and the live feed.</summary>
public sealed class RunMetricSink(int runId, int attempt, MetricWriter writer, RunLiveFeed feed) : IMetricSink
{
    public void Report(IReadOnlyList<MetricPoint> points)
    {
        var now = DateTime.UtcNow;
        var rows = new MetricRow[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            rows[i] = new MetricRow(runId, points[i].Step, points[i].Name, points[i].Value, now, attempt);
        }

        writer.Enqueue(rows);
        feed.Publish(new RunMetricBatch(runId, points));
    }
}
