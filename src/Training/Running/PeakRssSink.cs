namespace Forgetless.Training.Running;

/// <summary>
/// Passes a run's metrics on and samples the process's resident memory after each report (at most every 10 ms), so a
/// run's peak is its own: the largest resident memory seen while it trained, not the process's all-time high, which only
/// grows from run to run. Other runs training in the same process at the same time are in it too.
/// </summary>
public sealed class PeakRssSink(IMetricSink inner) : IMetricSink
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(10);
    private DateTime _sampledAt = DateTime.UtcNow;

    /// <summary>The largest sample so far, in bytes (the first is taken when the run starts).</summary>
    public long PeakBytes { get; private set; } = Environment.WorkingSet;

    public void Report(IReadOnlyList<MetricPoint> points)
    {
        inner.Report(points);
        if (DateTime.UtcNow - _sampledAt >= SampleEvery)
        {
            Sample();
        }
    }

    /// <summary>Takes a sample now; returns the peak.</summary>
    public long Sample()
    {
        _sampledAt = DateTime.UtcNow;
        PeakBytes = Math.Max(PeakBytes, Environment.WorkingSet);
        return PeakBytes;
    }
}
