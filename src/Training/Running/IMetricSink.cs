namespace Forgetless.Training.Running;

/// <summary>
/// Where a run's numbers go. The engine reports each step's points together; the web app stores them in
/// batches and fans them out live. Implementations must be cheap: they are called on the training thread.
/// </summary>
public interface IMetricSink
{
    void Report(IReadOnlyList<MetricPoint> points);
}
