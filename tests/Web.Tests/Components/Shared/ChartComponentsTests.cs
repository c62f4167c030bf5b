using Bunit;
using Forgetless.Web.Components.Shared;
using Forgetless.Web.Components.Shared.Charting;
using Forgetless.Web.Service.Queries;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace Forgetless.Web.Tests.Components.Shared;

/// <summary>The derived charts of the experiment page, fed the shapes the page builds from real runs.</summary>
public class ChartComponentsTests : BunitTestContext
{
    private static IReadOnlyList<ChartPoint> Objectives(params double[] byStep) => byStep.Select((o, step) => new ChartPoint(step, o)).ToList();

    [Fact]
    public void The_objective_strip_has_a_row_for_every_run_and_grows_with_them()
    {
        var rows = Enumerable.Range(1, 5).Select(i => new ObjectiveRow($"run {i}", Objectives(0, 1, 0, 1))).ToList();

        var strip = Render<ObjectiveStrip>(p => p.Add(c => c.Id, "s").Add(c => c.Rows, rows));

        var heatmap = Assert.IsType<HeatMap>(Assert.Single(strip.FindComponent<PlotlyChart>().Instance.Data));
        Assert.Equal(5, heatmap.Y.Count);
        Assert.Equal(5, heatmap.Z.Count);
        var layout = strip.FindComponent<PlotlyChart>().Instance.Layout;
        Assert.True(layout.Height >= 5 * 26, $"height {layout.Height}");
        Assert.True(ObjectiveStrip.Height(7) > ObjectiveStrip.Height(5));
    }

    [Fact]
    public void A_run_shorter_than_the_bin_count_gets_one_bin_per_step()
    {
        var strip = Render<ObjectiveStrip>(p => p.Add(c => c.Id, "s").Add(c => c.Bins, 200)
            .Add(c => c.Rows, [new ObjectiveRow("MAXRIGHT λ=0.5", Objectives(0, 1, 1, 0, 1, 0, 0, 1))]));

        var heatmap = Assert.IsType<HeatMap>(Assert.Single(strip.FindComponent<PlotlyChart>().Instance.Data));
        var row = Assert.IsType<double?[]>(Assert.Single(heatmap.Z));
        Assert.Equal(8, row.Length);
        Assert.All(row, share => Assert.NotNull(share)); // no empty bins: not a barcode
        Assert.Equal("8", strip.Find("#s-wrap").GetAttribute("data-bins"));
    }

    [Fact]
    public void The_trade_off_plane_draws_the_interpolation_baseline_with_its_alphas_and_switches_to_log_axes()
    {
        InterpolationPoint[] baseline = [new(1, 0, 0.4, 0.69), new(1, 0.5, 0.9, 0.45), new(1, 1, 2.1, 0.30)];
        TradeOffRun[] runs = [new("3", "ALRIGHT λ=0.5", new LineStyle("#4f46e5"), [new(0.69, 3.0), new(0.41, 0.6)])];

        var plane = Render<TradeOffPlane>(p => p.Add(c => c.Id, "t").Add(c => c.Runs, runs).Add(c => c.Interpolation, baseline)
            .Add(c => c.Ideals, PlaneIdeal.For([1], new Dictionary<int, ChartPoint> { [1] = new(0.3, 0.4) }, null, false)).Add(c => c.LogAxes, true));

        var traces = plane.FindComponent<PlotlyChart>().Instance.Data.Cast<Scatter>().ToList();
        var curve = Assert.Single(traces, t => (string?)t.Meta == "interpolation");
        Assert.Equal(new object[] { 0.69, 0.45, 0.30 }, curve.X);
        Assert.Equal(new object[] { 0.4, 0.9, 2.1 }, curve.Y);
        Assert.Equal(new[] { "α=0", "α=0.5", "α=1" }, curve.TextArray);
        Assert.Contains("weight averaging", curve.Name);
        var layout = plane.FindComponent<PlotlyChart>().Instance.Layout;
        Assert.Equal(Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Log, layout.XAxis[0].Type);
        Assert.Equal(Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log, layout.YAxis[0].Type);
        Assert.Contains("nats per pair", layout.XAxis[0].Title.Text);
        Assert.Contains("nats per token", layout.YAxis[0].Title.Text);
    }

    [Fact]
    public void A_mean_over_seeds_ends_in_a_point_with_error_bars_of_one_standard_deviation()
    {
        TradeOffRun[] runs = [new("mean:g", "MAXRIGHT λ=0.5 (mean of 3 seeds)", new LineStyle("#0d9488"), [new(0.6, 2.0), new(0.4, 0.5)],
            MeanSpread.Of([0.3, 0.4, 0.5]), MeanSpread.Of([0.4, 0.5, 0.6]))];

        var plane = Render<TradeOffPlane>(p => p.Add(c => c.Id, "t").Add(c => c.Runs, runs));

        var end = plane.FindComponent<PlotlyChart>().Instance.Data.Cast<Scatter>().Single(t => t.ErrorX is not null);
        Assert.Equal(0.1, (double)end.ErrorX.Array[0], 12);
        Assert.Equal(0.1, (double)end.ErrorY.Array[0], 12);
    }

    [Fact]
    public void Distance_bars_show_the_mean_over_seeds_with_their_spread_in_the_schedules_colour()
    {
        IdealDistanceBar[] bars = [new("alright", 0.5, MeanSpread.Of([0.2, 0.4])), new("sequential_sft_dpo", 0.5, MeanSpread.Of([1.5]))];

        var chart = Render<IdealDistanceBars>(p => p.Add(c => c.Id, "b").Add(c => c.Bars, bars));

        var traces = chart.FindComponent<PlotlyChart>().Instance.Data.Cast<Bar>().ToList();
        var alright = traces.Single(t => t.Name == "ALRIGHT");
        Assert.Equal(0.3, (double)alright.Y[0], 12);
        Assert.Equal(Math.Sqrt(0.02), (double)alright.ErrorY.Array[0], 12);
        Assert.Equal(new[] { "0.300 ± 0.141" }, alright.TextArray);
        Assert.Equal(SchedulePalette.ColorOf("alright"), alright.Marker.Color);
        Assert.Null(traces.Single(t => t.Name == "Sequential SFT→DPO").ErrorY);
    }

    [Fact]
    public void The_maxright_gaps_chart_draws_both_gaps_and_dots_only_at_refresh_steps()
    {
        var run = new MaxrightGapsRun("MAXRIGHT λ=0.5", "solid",
            [new(0, 1.0), new(1, 0.8), new(2, 0.8), new(3, 0.5)], [new(0, 0.4), new(1, 0.4), new(2, 0.9), new(3, 0.6)], [0, 2]);

        var chart = Render<MaxrightGapsChart>(p => p.Add(c => c.Id, "g").Add(c => c.Runs, [run]));

        var traces = chart.FindComponent<PlotlyChart>().Instance.Data.Cast<Scatter>().ToList();
        Assert.Equal(4, traces.Count); // per gap: the line and its refresh dots
        var sftDots = traces.Single(t => (string?)t.Meta == "MAXRIGHT λ=0.5 · SFT gap s_SFT refresh");
        Assert.Equal(new object[] { 0.0, 2.0 }, sftDots.X);
        Assert.Equal(new object[] { 1.0, 0.8 }, sftDots.Y);
        Assert.Equal(4, traces.Single(t => (string?)t.Meta == "MAXRIGHT λ=0.5 · DPO gap s_DPO").X.Count);
    }
}
