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
            .Add(c => c.Series, [new ChartSeries("1", "ALRIGHT λ=0.5", "#4f46e5", points)]));

        var trace = Assert.IsType<Scatter>(Assert.Single(chart.FindComponent<PlotlyChart>().Instance.Data));
        Assert.Equal(1000, trace.X.Count);
        Assert.Equal(5000, chart.Instance.TotalPoints);
        Assert.Equal("5000", chart.Find("#c-wrap").GetAttribute("data-points"));
    }

    [Fact]
    public async Task Live_points_extend_their_line_and_a_new_key_adds_a_line()
    {
        var chart = Render<MultiRunLineChart>(p => p.Add(c => c.Id, "c")
            .Add(c => c.Series, [new ChartSeries("1", "Mix", "#ca8a04", [new ChartPoint(1, 2)])]));

        await chart.InvokeAsync(() => chart.Instance.AppendAsync([
            new SeriesAppend("1", "Mix", "#ca8a04", [new ChartPoint(2, 1.5)]),
            new SeriesAppend("2", "MAXRIGHT", "#0d9488", [new ChartPoint(1, 2.2)]),
        ]));

        var data = chart.FindComponent<PlotlyChart>().Instance.Data.Cast<Scatter>().ToList();
        Assert.Equal(2, data.Count);
        Assert.Equal([1.0, 2.0], data[0].X.Cast<double>());
        Assert.Equal("MAXRIGHT", data[1].Name);
        Assert.Equal("3", chart.Find("#c-wrap").GetAttribute("data-points"));
    }
}
