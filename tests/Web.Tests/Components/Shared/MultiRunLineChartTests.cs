using Bunit;
using Forgetless.Web.Components.Shared;
using Forgetless.Web.Components.Shared.Charting;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace Forgetless.Web.Tests.Components.Shared;

public class MultiRunLineChartTests : BunitTestContext
{
    [Fact]
    public void An_empty_chart_says_it_is_waiting()
    {
        var chart = Render<MultiRunLineChart>(p => p.Add(c => c.Id, "c").Add(c => c.EmptyText, "Waiting for the first evaluation…"));

        Assert.Contains("Waiting for the first evaluation…", chart.Markup);
    }

    [Fact]
    public void Initial_lines_are_downsampled_to_the_budget()
    {
        var points = Enumerable.Range(1, 5000).Select(i => new ChartPoint(i, Math.Sin(i / 50.0))).ToList();

        var chart = Render<MultiRunLineChart>(p => p.Add(c => c.Id, "c").Add(c => c.MaxPointsPerLine, 1000)
            .Add(c => c.Series, [new ChartSeries("1", "ALRIGHT λ=0.5", new LineStyle("#4f46e5"), points)]));

        var trace = Assert.IsType<Scatter>(Assert.Single(chart.FindComponent<PlotlyChart>().Instance.Data));
        Assert.Equal(1000, trace.X.Count);
        Assert.Equal(5000, chart.Instance.TotalPoints);
        Assert.Equal("5000", chart.Find("#c-wrap").GetAttribute("data-points"));
    }

    [Fact]
    public async Task Live_points_extend_their_line_and_a_new_key_adds_a_line()
    {
        var chart = Render<MultiRunLineChart>(p => p.Add(c => c.Id, "c")
            .Add(c => c.Series, [new ChartSeries("1", "Mix", new LineStyle("#ca8a04"), [new ChartPoint(1, 2)])]));

        await chart.InvokeAsync(() => chart.Instance.AppendAsync([
            new SeriesAppend("1", "Mix", new LineStyle("#ca8a04"), [new ChartPoint(2, 1.5)]),
            new SeriesAppend("2", "MAXRIGHT", new LineStyle("#0d9488"), [new ChartPoint(1, 2.2)]),
        ]));

        var data = chart.FindComponent<PlotlyChart>().Instance.Data.Cast<Scatter>().ToList();
        Assert.Equal(2, data.Count);
        Assert.Equal([1.0, 2.0], data[0].X.Cast<double>());
        Assert.Equal("MAXRIGHT", data[1].Name);
        Assert.Equal("3", chart.Find("#c-wrap").GetAttribute("data-points"));
    }

    [Fact]
    public async Task Seven_runs_appended_one_after_another_each_get_their_own_line_with_every_point()
    {
        var chart = Render<MultiRunLineChart>(p => p.Add(c => c.Id, "c"));

        // Seven runs stream in turn, three steps each, the way the one-click comparison feeds an open page.
        for (var run = 1; run <= 7; run++)
        {
            for (var step = 0; step < 3; step++)
            {
                var key = run.ToString();
                await chart.InvokeAsync(() => chart.Instance.AppendAsync([new SeriesAppend(key, "run " + key, new LineStyle("#4f46e5"), [new ChartPoint(step, run)])]));
            }
        }

        var data = chart.FindComponent<PlotlyChart>().Instance.Data.Cast<Scatter>().ToList();
        Assert.Equal(Enumerable.Range(1, 7).Select(r => r.ToString()), data.Select(t => (string)t.Meta));
        Assert.All(data, t => Assert.Equal(3, t.X.Count));
        Assert.All(data, t => Assert.Equal(double.Parse((string)t.Meta), (double)t.Y[0]));
    }

    [Fact]
    public void A_faint_seed_line_stays_out_of_the_legend_and_its_bold_mean_carries_the_dash()
    {
        var seed = new LineStyle("#0d9488", "dash", Faint: true, Group: "g");
        var chart = Render<MultiRunLineChart>(p => p.Add(c => c.Id, "c").Add(c => c.Series,
        [
            new ChartSeries("1", "MAXRIGHT λ=0.5 · seed 1", seed, [new ChartPoint(0, 2)]),
            new ChartSeries("mean:g", "MAXRIGHT λ=0.5 (mean)", seed with { Faint = false }, [new ChartPoint(0, 2)]),
        ]));

        var data = chart.FindComponent<PlotlyChart>().Instance.Data.Cast<Scatter>().ToList();
        Assert.False(data[0].ShowLegend);
        Assert.True(data[0].Opacity < 0.5m);
        Assert.True(data[1].ShowLegend);
        Assert.Equal("dash", data[1].Line.Dash);
        Assert.Equal("g", data[1].LegendGroup);
        Assert.True(data[1].Line.Width > data[0].Line.Width);
    }
}
