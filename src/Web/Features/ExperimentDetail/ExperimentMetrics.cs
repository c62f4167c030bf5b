using Forgetless.Training.Running;
using Forgetless.Web.Components.Shared.Charting;
using Forgetless.Web.Service.Queries;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>
/// Every run's charted curves for one experiment (or one run), fed first from the store (thinned for long runs) and
/// then live. Only the <see cref="Plotted"/> metrics are kept. A point at or before the last step already held for
/// its (run, metric) is a duplicate (the store and the live feed overlap) and is dropped.
/// </summary>
public sealed class ExperimentMetrics
{
    /// <summary>What the experiment and run pages draw: a step reports ~20 metrics, most of them never plotted here.</summary>
    public static readonly IReadOnlySet<string> Plotted = new HashSet<string>(StringComparer.Ordinal)
    {
        MetricNames.EvalSftLoss, MetricNames.EvalDpoLoss, MetricNames.Loss, MetricNames.RewardsAccuracies, MetricNames.RewardsMargins,
        MetricNames.Objective, MetricNames.TokensPerSecond, MetricNames.SftLoss, MetricNames.DpoLoss,
        MetricNames.MaxrightSftGap, MetricNames.MaxrightDpoGap, MetricNames.MaxrightRefresh,
    };

    private readonly Dictionary<(int Run, string Name), List<ChartPoint>> _curves = [];

    /// <summary>
    /// How many points of the plotted metrics the runs have reported: the store's count (before thinning) plus every new
    /// live point, so the page says the same number live and after a reload.
    /// </summary>
    public long PointsReported { get; private set; }

    /// <summary>Adds points; returns those that were new, so a chart appends exactly what it has not seen.</summary>
    public IReadOnlyList<MetricPoint> Add(int runId, IEnumerable<MetricPoint> points)
    {
        var added = new List<MetricPoint>();
        foreach (var point in points)
        {
            if (!Plotted.Contains(point.Name))
            {
                continue;
            }

            var curve = Curve(runId, point.Name);
            if (curve.Count > 0 && point.Step <= curve[^1].X)
            {
                continue;
            }

            curve.Add(new ChartPoint(point.Step, point.Value));
            added.Add(point);
            PointsReported++;
        }

        return added;
    }

    /// <summary>A curve read from the store, possibly thinned: it counts as all the points the store holds for it.</summary>
    public void AddStored(MetricSeries series)
    {
        Add(series.RunId, series.Steps.Select((step, i) => new MetricPoint(step, series.Name, series.Values[i])));
        PointsReported += series.StoredPoints - series.Steps.Count; // the thinned-out points were reported too
    }

    public IReadOnlyList<ChartPoint> Get(int runId, string name) =>
        _curves.TryGetValue((runId, name), out var curve) ? curve : [];

    public double? Last(int runId, string name) => Get(runId, name) is { Count: > 0 } c ? c[^1].Y : null;

    /// <summary>
    /// Optimiser steps the run has done, the one meaning of "step" on every page (as checkpoints and evaluations count):
    /// a training step reports its metrics under its 0-based index, so index i means i + 1 steps done; an evaluation at
    /// step s comes after s steps.
    /// </summary>
    public long StepsDone(int runId) => StepMetrics.Max(name => Get(runId, name) is { Count: > 0 } c ? StepsDoneAfter(name, (long)c[^1].X) : 0);

    /// <summary>The metrics whose points say how many steps are done (every other metric answers 0 to <see cref="StepsDoneAfter"/>).</summary>
    public static readonly string[] StepMetrics = [MetricNames.Objective, MetricNames.EvalSftLoss, MetricNames.EvalDpoLoss];

    /// <summary>Steps done once a point of <paramref name="metric"/> at <paramref name="step"/> is reported (0 for other metrics).</summary>
    public static long StepsDoneAfter(string metric, long step) =>
        metric == MetricNames.Objective ? step + 1 : metric is MetricNames.EvalSftLoss or MetricNames.EvalDpoLoss ? step : 0;

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
