using Forgetless.Training.Running;
using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>
/// Every run's curves for one experiment, fed first from the store and then live. A point at or before the last
/// step already held for its (run, metric) is a duplicate (the store and the live feed overlap) and is dropped.
/// </summary>
public sealed class ExperimentMetrics
{
    private readonly Dictionary<(int Run, string Name), List<ChartPoint>> _curves = [];

    /// <summary>Adds points; returns those that were new, so a chart appends exactly what it has not seen.</summary>
    public IReadOnlyList<MetricPoint> Add(int runId, IEnumerable<MetricPoint> points)
    {
        var added = new List<MetricPoint>();
        foreach (var point in points)
        {
            var curve = Curve(runId, point.Name);
            if (curve.Count > 0 && point.Step <= curve[^1].X)
            {
                continue;
            }

            curve.Add(new ChartPoint(point.Step, point.Value));
            added.Add(point);
        }

        return added;
    }

    public IReadOnlyList<ChartPoint> Get(int runId, string name) =>
        _curves.TryGetValue((runId, name), out var curve) ? curve : [];

    public double? Last(int runId, string name) => Get(runId, name) is { Count: > 0 } c ? c[^1].Y : null;

    public long LastStep(int runId) =>
        _curves.Where(kv => kv.Key.Run == runId && kv.Value.Count > 0).Select(kv => (long)kv.Value[^1].X).DefaultIfEmpty(0).Max();

    /// <summary>The run's path in loss space: (eval f_DPO, eval f_SFT) at every step where both were evaluated.</summary>
    public IReadOnlyList<ChartPoint> TradeOffPath(int runId)
    {
        var sftByStep = Get(runId, MetricNames.EvalSftLoss).ToDictionary(p => p.X, p => p.Y);
        return Get(runId, MetricNames.EvalDpoLoss)
            .Where(p => sftByStep.ContainsKey(p.X))
            .Select(p => new ChartPoint(p.Y, sftByStep[p.X]))
            .ToList();
    }

    /// <summary>The mean of a metric over the run (e.g. tokens/s), or null when never reported.</summary>
    public double? Mean(int runId, string name) =>
        Get(runId, name) is { Count: > 0 } c ? c.Where(p => double.IsFinite(p.Y)).Select(p => p.Y).DefaultIfEmpty(double.NaN).Average() : null;

    public double? Max(int runId, string name) => Get(runId, name) is { Count: > 0 } c ? c.Max(p => p.Y) : null;

    private List<ChartPoint> Curve(int runId, string name)
    {
        if (!_curves.TryGetValue((runId, name), out var curve))
        {
            curve = [];
            _curves[(runId, name)] = curve;
        }

        return curve;
    }
}
