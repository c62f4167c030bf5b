using Bunit;
using Forgetless.Web.Components.Shared;
using Forgetless.Web.Components.Shared.Charting;
using Microsoft.AspNetCore.Components;

namespace Forgetless.Web.Tests.Components.Shared;

/// <summary>
/// The five charts drawn through <see cref="ChartRedraw"/>: an update that lands while the first plot is still being
/// drawn reaches the browser once that plot is up (before, it stayed in the server's copy until the next update, or for
/// ever); the live line chart's later appends then extend the browser's copy instead of redrawing it.
/// </summary>
public class ChartRedrawTests : BunitTestContext
{
    private const string PlotlyModule = "./_content/Plotly.Blazor/plotly-interop-7.2.0.js";

    private static readonly IdealDistanceBar[] OneBar = [new("alright", 0.5, MeanSpread.Of([0.4]))];
    private static readonly IdealDistanceBar[] TwoBars = [.. OneBar, new("maxright", 0.5, MeanSpread.Of([0.3]))];
    private static readonly TradeOffRun[] OneRun = [new("3", "ALRIGHT λ=0.5", new LineStyle("#4f46e5"), [new(0.69, 3.0)])];
    private static readonly TradeOffRun[] RunMoved = [OneRun[0] with { Trajectory = [new(0.69, 3.0), new(0.4, 0.6)] }];
    private static readonly ObjectiveRow[] OneRow = [new("ALRIGHT λ=0.5", [new(0, 0), new(1, 1)])];
    private static readonly ObjectiveRow[] TwoRows = [.. OneRow, new("MAXRIGHT λ=0.5", [new(0, 1), new(1, 0)])];
    private static readonly MaxrightGapsRun[] OneGapRun = [new("MAXRIGHT λ=0.5", "solid", [new(0, 0.5)], [new(0, 0.2)], [0])];
    private static readonly MaxrightGapsRun[] GapRunMoved = [OneGapRun[0] with { SftGap = [new(0, 0.5), new(1, 0.4)] }];

    [Fact]
    public void Distance_bars_updated_during_the_first_plot_are_redrawn_when_it_is_up() =>
        AnUpdateDuringTheFirstPlotIsRedrawn<IdealDistanceBars>(p => p.Add(c => c.Id, "b").Add(c => c.Bars, OneBar),
            p => p.Add(c => c.Bars, TwoBars));

    [Fact]
    public void The_trade_off_plane_updated_during_the_first_plot_is_redrawn_when_it_is_up() =>
        AnUpdateDuringTheFirstPlotIsRedrawn<TradeOffPlane>(p => p.Add(c => c.Id, "t").Add(c => c.Runs, OneRun),
            p => p.Add(c => c.Runs, RunMoved));

    [Fact]
    public void The_objective_strip_updated_during_the_first_plot_is_redrawn_when_it_is_up() =>
        AnUpdateDuringTheFirstPlotIsRedrawn<ObjectiveStrip>(p => p.Add(c => c.Id, "s").Add(c => c.Rows, OneRow),
            p => p.Add(c => c.Rows, TwoRows));

    [Fact]
    public void The_maxright_gaps_chart_updated_during_the_first_plot_is_redrawn_when_it_is_up() =>
        AnUpdateDuringTheFirstPlotIsRedrawn<MaxrightGapsChart>(p => p.Add(c => c.Id, "g").Add(c => c.Runs, OneGapRun),
            p => p.Add(c => c.Runs, GapRunMoved));

    [Fact]
    public async Task Live_points_appended_during_the_first_plot_are_drawn_when_it_is_up_and_later_ones_extend_the_line()
    {
        var plotly = JSInterop.SetupModule(PlotlyModule);
        plotly.Mode = JSRuntimeMode.Loose;
        var newPlot = plotly.SetupVoid("newPlot", _ => true);
        var chart = Render<MultiRunLineChart>(p => p.Add(c => c.Id, "l"));

        await chart.InvokeAsync(() => chart.Instance.AppendAsync([Step(0)]));
        Assert.Empty(plotly.Invocations["react"]);
        Assert.Empty(plotly.Invocations["addTrace"]);
        Assert.Empty(plotly.Invocations["extendTraces"]);
        newPlot.SetVoidResult();
        chart.WaitForAssertion(() => Assert.Single(plotly.Invocations["react"]), TimeSpan.FromSeconds(30));

        await chart.InvokeAsync(() => chart.Instance.AppendAsync([Step(1)]));
        Assert.Single(plotly.Invocations["extendTraces"]);
        Assert.Single(plotly.Invocations["react"]);
        Assert.Equal(2, chart.Instance.TotalPoints);
    }

    private static SeriesAppend Step(int step) => new("3", "ALRIGHT λ=0.5", new LineStyle("#4f46e5"), [new ChartPoint(step, 1.0 / (step + 1))]);

    private void AnUpdateDuringTheFirstPlotIsRedrawn<TChart>(Action<ComponentParameterCollectionBuilder<TChart>> first,
        Action<ComponentParameterCollectionBuilder<TChart>> update) where TChart : IComponent
    {
        var plotly = JSInterop.SetupModule(PlotlyModule);
        plotly.Mode = JSRuntimeMode.Loose;
        var newPlot = plotly.SetupVoid("newPlot", _ => true); // the browser has not finished the first plot yet
        var chart = Render(first);

        chart.Render(update);
        Assert.Empty(plotly.Invocations["react"]); // nothing to redraw yet: the chart is not up
        newPlot.SetVoidResult();

        // Once up, the chart is sent whole once: it now carries the update.
        chart.WaitForAssertion(() => Assert.Single(plotly.Invocations["react"]), TimeSpan.FromSeconds(30));
    }
}
