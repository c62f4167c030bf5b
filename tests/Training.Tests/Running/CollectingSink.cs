using Forgetless.Training.Running;

namespace Forgetless.Training.Tests.Running;

/// <summary>Keeps every reported point; optionally reacts to each report (e.g. to cancel).</summary>
internal sealed class CollectingSink(Action<IReadOnlyList<MetricPoint>>? onReport = null) : IMetricSink
{
    public List<MetricPoint> Points { get; } = [];

    public void Report(IReadOnlyList<MetricPoint> points)
    {
        Points.AddRange(points);
        onReport?.Invoke(points);
    }

    public List<double> Values(string name) => [.. Points.Where(p => p.Name == name).Select(p => p.Value)];
}
