using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Tests.Components.Shared.Charting;

public class LiveSeriesTests
{
    private static ChartPoint[] Points(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new ChartPoint(i, i % 7)).ToArray();

    [Fact]
    public void Points_are_appended_until_the_line_holds_twice_its_budget()
    {
        var series = new LiveSeries(budget: 100, smoothing: 0);

        var first = series.Append(Points(1, 150));
        var second = series.Append(Points(151, 50));

        Assert.False(first.Redraw);
        Assert.Equal(150, first.Points.Count);
        Assert.False(second.Redraw);
        Assert.Equal(200, series.DisplayedCount);
    }

    [Fact]
    public void Points_the_line_already_has_are_left_out_and_the_new_ones_after_them_kept()
    {
        var series = new LiveSeries(budget: 100, smoothing: 0);
        series.Append(Points(0, 10));

        var update = series.Append(Points(8, 5)); // steps 8 and 9 again, then 10, 11, 12

        Assert.Equal([10.0, 11, 12], update.Points.Select(p => p.X));
        Assert.Equal(Enumerable.Range(0, 13).Select(i => (double)i), series.Raw.Select(p => p.X));
        Assert.Equal(13, series.DisplayedCount);
    }

    [Fact]
    public void Going_past_twice_the_budget_redraws_the_line_downsampled_to_the_budget()
    {
        var series = new LiveSeries(budget: 100, smoothing: 0);
        series.Append(Points(1, 200));

        var update = series.Append(Points(201, 1));

        Assert.True(update.Redraw);
        Assert.Equal(100, update.Points.Count);
        Assert.Equal(new ChartPoint(201, 201 % 7), update.Points[^1]);
        Assert.Equal(201, series.Raw.Count);
    }

    [Fact]
    public void Twenty_runs_of_5000_live_points_redraw_only_a_few_times_each()
    {
        var series = new LiveSeries(budget: 1000, smoothing: 0.6);
        var redraws = 0;

        for (var step = 1; step <= 5000; step++)
        {
            redraws += series.Append([new ChartPoint(step, Math.Sin(step))]).Redraw ? 1 : 0;
        }

        // Redraw at 2,001 points, then every 1,000 more: 2,001, 3,001, 4,001 → 3 redraws.
        Assert.Equal(3, redraws);
        Assert.InRange(series.DisplayedCount, 1000, 2000);
    }

    [Fact]
    public void Moving_the_slider_resmooths_every_raw_point()
    {
        var series = new LiveSeries(budget: 1000, smoothing: 0);
        series.Append([new ChartPoint(1, 4), new ChartPoint(2, 0)]);

        var shown = series.Resmooth(0.5);

        Assert.Equal([new ChartPoint(1, 4), new ChartPoint(2, 4.0 / 3)], shown);
    }
}
