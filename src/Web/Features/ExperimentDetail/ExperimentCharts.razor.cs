using Forgetless.Training.Running;
using Forgetless.Web.Components.Shared;
using Forgetless.Web.Components.Shared.Charting;
using Forgetless.Web.Service.Queries;
using Microsoft.AspNetCore.Components;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>
/// Line charts take live points through <see cref="AppendAsync"/> (extendTraces); the derived charts (plane, bars,
/// strip, gaps, cost) are recomputed from <see cref="Metrics"/> whenever the page re-renders this component. Runs
/// that differ only by seed are drawn faint around a bold mean line (key "mean:" + group).
/// </summary>
public sealed partial class ExperimentCharts
{
    private MultiRunLineChart? _evalSft, _evalDpo, _sftLoss, _dpoLoss, _accuracy, _margin;
    private readonly Dictionary<(string Chart, string Group), double> _meanShownUpTo = [];
    private double _smoothing = 0.6;
    private bool _logAxes, _singleSeeds, _chartsStarted;

    [Parameter, EditorRequired] public IReadOnlyList<RunView> Runs { get; set; } = [];
    [Parameter, EditorRequired] public ExperimentMetrics Metrics { get; set; } = new();
    [Parameter] public ChartPoint? Ideal { get; set; }

    /// <summary>Where each f* of <see cref="Ideal"/> came from, one line (shown next to the ideal distances).</summary>
    [Parameter] public string? IdealSource { get; set; }

    /// <summary>Why these runs will never have an ideal point (e.g. runs of several experiments), said in place of the distance bars.</summary>
    [Parameter] public string? NoIdealReason { get; set; }

    private const string DefaultBarsText = "Bars appear once the ideal point is known and schedules have been evaluated.";
    /// <summary>The weight-interpolation baseline (SFT-only ↔ Sequential SFT→DPO end models), drawn on the plane.</summary>
    [Parameter] public IReadOnlyList<InterpolationPoint> Interpolation { get; set; } = [];

    /// <summary>
    /// Each seed's own reporting ideal point (its runs only): a seed's run is measured against it in the bars, as each
    /// seed is a whole experiment with its own held-out split. Seeds missing here use <see cref="Ideal"/>.
    /// </summary>
    [Parameter] public IReadOnlyDictionary<int, ChartPoint> SeedIdeals { get; set; } = new Dictionary<int, ChartPoint>();

    /// <summary>Only the curves (the run page): the plane, bars, strip and cost table compare several runs.</summary>
    [Parameter] public bool Compact { get; set; }

    private IReadOnlyDictionary<int, LineStyle> Styles => RunStyles.Assign(Runs);

    private IEnumerable<RunView> ScheduleRuns => Runs.Where(r => !r.IsOptimum);

    private IEnumerable<RunView> MaxrightRuns => ScheduleRuns.Where(r => r.Schedule.Equals("maxright", StringComparison.OrdinalIgnoreCase));

    private string PlaneSubtitle => "Lower-left is better. Star: the ideal point, the best held-out value of each objective"
        + (HasSeeds ? " in each seed's own runs; the big star is the seeds' mean (± 1 std), as the bars measure each seed against its own." : " in the experiment.")
        + (Interpolation.Count > 0
            ? " Dotted grey: averaging the weights of the SFT-only and Sequential SFT→DPO models (no training); a joint schedule beats it only below-left of that curve."
            : "");

    private bool HasSeeds => Runs.GroupBy(r => r.Group).Any(g => g.Count() > 1);

    /// <summary>Hands one run's newly arrived points to the line charts (see the overload for several runs).</summary>
    public Task AppendAsync(int runId, IReadOnlyList<MetricPoint> added) =>
        AppendAsync(new Dictionary<int, IReadOnlyList<MetricPoint>> { [runId] = added });

    /// <summary>
    /// Hands newly arrived points, by run, to the line charts, each taking the metric it plots, and extends seed
    /// means: one update per chart for all of them, however many runs and steps they span.
    /// </summary>
    public async Task AppendAsync(IReadOnlyDictionary<int, IReadOnlyList<MetricPoint>> addedByRun)
    {
        var styles = Styles;
        var runs = Runs.Where(r => addedByRun.TryGetValue(r.Id, out var added) && added.Count > 0).ToList();
        foreach (var (chart, metric) in Charts())
        {
            if (chart is null)
            {
                continue;
            }

            var appends = new List<SeriesAppend>();
            foreach (var run in runs.Where(r => !(r.IsReference && IsHeldOut(metric))))
            {
                var points = addedByRun[run.Id].Where(p => p.Name == metric).Select(p => new ChartPoint(p.Step, p.Value)).ToList();
                if (points.Count > 0)
                {
                    appends.Add(new SeriesAppend(run.Id.ToString(), run.Name, styles[run.Id], points));
                }
            }

            // A group's mean grows once per update, after all of its seeds' new points are in.
            foreach (var run in runs.Where(r => appends.Any(a => a.Key == r.Id.ToString())).DistinctBy(r => r.Group))
            {
                var seeds = Runs.Where(r => r.Group == run.Group).ToList();
                if (seeds.Count < 2)
                {
                    continue;
                }

                var shown = _meanShownUpTo.GetValueOrDefault((metric, run.Group), double.NegativeInfinity);
                var mean = Mean(seeds, metric).Where(p => p.X > shown).ToList();
                if (mean.Count > 0)
                {
                    _meanShownUpTo[(metric, run.Group)] = mean[^1].X;
                    appends.Add(new SeriesAppend("mean:" + run.Group, run.GroupName + " (mean)", RunStyles.Mean(styles[run.Id]), mean));
                }
            }

            if (appends.Count > 0)
            {
                await chart.AppendAsync(appends);
            }
        }
    }

    private IEnumerable<(MultiRunLineChart? Chart, string Metric)> Charts() =>
    [
        (_evalSft, MetricNames.EvalSftLoss), (_evalDpo, MetricNames.EvalDpoLoss), (_sftLoss, MetricNames.SftLoss),
        (_dpoLoss, MetricNames.DpoLoss), (_accuracy, MetricNames.RewardsAccuracies), (_margin, MetricNames.RewardsMargins),
    ];

    private static bool IsHeldOut(string metric) => metric.StartsWith("eval/", StringComparison.Ordinal);

    private IReadOnlyList<ChartPoint> Mean(IEnumerable<RunView> seeds, string metric) =>
        SeedMean.Of([.. seeds.Select(s => Metrics.Get(s.Id, metric))]);

    // The line charts read their series once, when they start; later renders (once a second while live) skip the work.
    private IReadOnlyList<ChartSeries> Initial(string metric)
    {
        if (_chartsStarted)
        {
            return [];
        }

        var styles = Styles;
        // The pref-SFT reference run's held-out f_SFT is on other data: no curve of the comparison.
        var shown = Runs.Where(r => !(r.IsReference && IsHeldOut(metric))).ToList();
        var series = shown.Select(r => new ChartSeries(r.Id.ToString(), r.Name, styles[r.Id], Metrics.Get(r.Id, metric))).ToList();
        foreach (var group in shown.GroupBy(r => r.Group).Where(g => g.Count() > 1))
        {
            var first = group.First();
            var mean = Mean(group, metric);
            _meanShownUpTo[(metric, group.Key)] = mean.Count > 0 ? mean[^1].X : double.NegativeInfinity;
            series.Add(new ChartSeries("mean:" + group.Key, first.GroupName + " (mean)", RunStyles.Mean(styles[first.Id]), mean));
        }

        return series.Where(s => s.Points.Count > 0).ToList();
    }

    private IReadOnlyList<TradeOffRun> TradeOffRuns()
    {
        var styles = Styles;
        var lines = new List<TradeOffRun>();
        foreach (var group in ScheduleRuns.GroupBy(r => r.Group))
        {
            var seeds = group.ToList();
            var style = RunStyles.Mean(styles[seeds[0].Id]);
            if (seeds.Count == 1)
            {
                lines.Add(new TradeOffRun(seeds[0].Id.ToString(), seeds[0].Name, style, Metrics.TradeOffPath(seeds[0].Id)));
                continue;
            }

            // While later seeds still wait in the queue, the mean is over the seeds that have been evaluated (and says
            // so): over all of them, the plane would stay empty until the last seed's first evaluation.
            var reporting = seeds.Where(s => Metrics.TradeOffPath(s.Id).Count > 0).ToList();
            var finals = reporting.Select(s => Metrics.TradeOffPath(s.Id)[^1]).ToList();
            var meanSft = Mean(reporting, MetricNames.EvalSftLoss).ToDictionary(p => p.X, p => p.Y);
            var meanPath = Mean(reporting, MetricNames.EvalDpoLoss).Where(p => meanSft.ContainsKey(p.X)).Select(p => new ChartPoint(p.Y, meanSft[p.X])).ToList();
            var of = reporting.Count == seeds.Count ? $"{seeds.Count}" : $"{reporting.Count} of {seeds.Count}";
            lines.Add(new TradeOffRun("mean:" + group.Key, $"{seeds[0].GroupName} (mean of {of} seeds)", style, meanPath,
                MeanSpread.Of(finals.Select(f => f.X)), MeanSpread.Of(finals.Select(f => f.Y))));
            if (_singleSeeds)
            {
                lines.AddRange(seeds.Select(s => new TradeOffRun(s.Id.ToString(), s.Name, styles[s.Id], Metrics.TradeOffPath(s.Id))));
            }
        }

        return lines;
    }

    // The seeds drawn on the plane (the pref-SFT reference is not): their stars are the ones the bars measure against.
    private IReadOnlyList<PlaneIdeal> PlaneIdeals() => PlaneIdeal.For(
        Runs.Where(r => !r.IsReference && Metrics.TradeOffPath(r.Id).Count > 0).Select(r => r.Seed).Distinct().ToList(), SeedIdeals, Ideal, _singleSeeds);

    private IReadOnlyList<IdealDistanceBar> Bars() => Ideal is { } ideal
        ? DistanceBars.Of(ScheduleRuns.Select(r => new RunFinalPoint(r.Group, r.Schedule, r.Lambda, r.Seed,
            Metrics.TradeOffPath(r.Id) is { Count: > 0 } path ? path[^1] : null)), ideal, SeedIdeals, _singleSeeds)
        : [];

    private IReadOnlyList<ObjectiveRow> ObjectiveRows() =>
        ScheduleRuns.Select(r => new ObjectiveRow(r.Name, Metrics.Get(r.Id, MetricNames.Objective))).ToList();

    private IReadOnlyList<MaxrightGapsRun> GapRuns()
    {
        var styles = Styles;
        return MaxrightRuns.Select(r => new MaxrightGapsRun(r.Name, styles[r.Id].Dash,
            Metrics.Get(r.Id, MetricNames.MaxrightSftGap), Metrics.Get(r.Id, MetricNames.MaxrightDpoGap),
            Metrics.Get(r.Id, MetricNames.MaxrightRefresh).Select(p => p.X).ToList())).ToList();
    }

    protected override void OnAfterRender(bool firstRender) => _chartsStarted = true;

    private IReadOnlyList<CostRow> CostRows() => ExperimentCosts.Rows(Runs, Styles, Metrics, _singleSeeds);
}
