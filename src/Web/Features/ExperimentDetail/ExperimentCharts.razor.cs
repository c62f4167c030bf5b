using Forgetless.Training.Running;
using Forgetless.Web.Components.Shared;
using Forgetless.Web.Components.Shared.Charting;
using Microsoft.AspNetCore.Components;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>
/// Line charts take live points through <see cref="AppendAsync"/> (extendTraces); the derived charts (plane, bars,
/// strip, cost) are recomputed from <see cref="Metrics"/> whenever the page re-renders this component.
/// </summary>
public sealed partial class ExperimentCharts
{
    private MultiRunLineChart? _evalSft, _evalDpo, _loss, _accuracy, _margin;
    private double _smoothing = 0.6;

    [Parameter, EditorRequired] public IReadOnlyList<RunView> Runs { get; set; } = [];
    [Parameter, EditorRequired] public ExperimentMetrics Metrics { get; set; } = new();
    [Parameter] public ChartPoint? Ideal { get; set; }

    /// <summary>Where each f* of <see cref="Ideal"/> came from, one line (shown next to the ideal distances).</summary>
    [Parameter] public string? IdealSource { get; set; }

    /// <summary>Only the curves (the run page): the plane, bars, strip and cost table compare several runs.</summary>
    [Parameter] public bool Compact { get; set; }

    private IReadOnlyDictionary<int, string> Colors => RunColors.Assign(Runs);

    private IEnumerable<RunView> ScheduleRuns => Runs.Where(r => !r.IsOptimum);

    /// <summary>Hands newly arrived points to the line charts, each taking the metric it plots.</summary>
    public async Task AppendAsync(int runId, IReadOnlyList<MetricPoint> added)
    {
        if (Runs.FirstOrDefault(r => r.Id == runId) is not { } run || added.Count == 0)
        {
            return;
        }

        var color = Colors[runId];
        foreach (var (chart, metric) in Charts().Where(c => !(run.IsReference && IsHeldOut(c.Metric))))
        {
            var points = added.Where(p => p.Name == metric).Select(p => new ChartPoint(p.Step, p.Value)).ToList();
            if (chart is not null && points.Count > 0)
            {
                await chart.AppendAsync([new SeriesAppend(runId.ToString(), run.Name, color, points)]);
            }
        }
    }

    private IEnumerable<(MultiRunLineChart? Chart, string Metric)> Charts() =>
    [
        (_evalSft, MetricNames.EvalSftLoss), (_evalDpo, MetricNames.EvalDpoLoss), (_loss, MetricNames.Loss),
        (_accuracy, MetricNames.RewardsAccuracies), (_margin, MetricNames.RewardsMargins),
    ];

    private static bool IsHeldOut(string metric) => metric.StartsWith("eval/", StringComparison.Ordinal);

    private IReadOnlyList<ChartSeries> Initial(string metric) =>
        Runs.Where(r => !(r.IsReference && IsHeldOut(metric))).Select(r => new ChartSeries(r.Id.ToString(), r.Name, Colors[r.Id], Metrics.Get(r.Id, metric)))
            .Where(s => s.Points.Count > 0).ToList();

    private IReadOnlyList<TradeOffRun> TradeOffRuns() =>
        ScheduleRuns.Select(r => new TradeOffRun(r.Id.ToString(), r.Name, Colors[r.Id], Metrics.TradeOffPath(r.Id))).ToList();

    private IReadOnlyList<IdealDistanceBar> Bars()
    {
        if (Ideal is not { } ideal)
        {
            return [];
        }

        return ScheduleRuns
            .Select(r => (Run: r, Path: Metrics.TradeOffPath(r.Id)))
            .Where(x => x.Path.Count > 0)
            .Select(x => new IdealDistanceBar(x.Run.Schedule, x.Run.Lambda ?? 0.5, IdealDistance.Between(x.Path[^1], ideal),
                SchedulePalette.ColorFor(x.Run.Schedule, 0)))
            .ToList();
    }

    private IReadOnlyList<ObjectiveRow> ObjectiveRows() =>
        ScheduleRuns.Select(r => new ObjectiveRow(r.Name, Metrics.Get(r.Id, MetricNames.Objective))).ToList();

    private IReadOnlyList<CostRow> CostRows() =>
        Runs.Select(r => new CostRow(
            r.Name,
            Colors[r.Id],
            Metrics.LastStep(r.Id),
            r.StartedAt is { } start ? (r.FinishedAt ?? DateTime.UtcNow) - start : null,
            Metrics.Mean(r.Id, MetricNames.TokensPerSecond),
            r.PeakRssMb is { } megabytes ? (long)(megabytes * 1024 * 1024) : null)).ToList();
}
