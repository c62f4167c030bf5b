using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Tests.Components.Shared.Charting;

public class DownsamplingTests
{
    private static List<ChartPoint> Line(int count, Func<int, double> y) =>
        Enumerable.Range(1, count).Select(i => new ChartPoint(i, y(i))).ToList();

    [Fact]
    public void Short_lines_are_returned_untouched()
    {
        var points = Line(10, i => i * i);

        Assert.Same(points, Downsampling.Lttb(points, 20));
    }

    [Fact]
    public void A_5000_point_line_becomes_exactly_the_threshold_keeping_both_ends()
    {
        var points = Line(5000, i => Math.Sin(i / 100.0));

        var sampled = Downsampling.Lttb(points, 1000);

        Assert.Equal(1000, sampled.Count);
        Assert.Equal(points[0], sampled[0]);
        Assert.Equal(points[^1], sampled[^1]);
        Assert.True(sampled.Zip(sampled.Skip(1)).All(pair => pair.First.X < pair.Second.X), "x must stay increasing");
    }

    [Fact]
    public void A_single_spike_survives_downsampling()
    {
        // A flat line at 0 with one spike of 100 at x = 2,345: LTTB's largest triangle is the spike's.
        var points = Line(5000, i => i == 2345 ? 100 : 0);

        var sampled = Downsampling.Lttb(points, 100);

        Assert.Contains(new ChartPoint(2345, 100), sampled);
    }

    [Fact]
    public void Every_sampled_point_is_one_of_the_originals()
    {
        var points = Line(777, i => Math.Cos(i) * i);

        var sampled = Downsampling.Lttb(points, 50);

        Assert.All(sampled, p => Assert.Contains(p, points));
    }

    [Fact]
    public void A_threshold_below_three_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Downsampling.Lttb(Line(10, i => i), 2));
    }
}
