using Forgetless.Training.Running;

namespace Forgetless.Web.Service.Live;

/// <summary>The points one run reported at one step (or one evaluation), as the engine reported them.</summary>
public sealed record RunMetricBatch(int RunId, IReadOnlyList<MetricPoint> Points)
{
    /// <summary>When the server published the batch (UTC); hub clients measure delivery latency against it.</summary>
    public DateTime Time { get; init; } = DateTime.UtcNow;
}
