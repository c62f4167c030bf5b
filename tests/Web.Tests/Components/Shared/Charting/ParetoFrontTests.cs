using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Tests.Components.Shared.Charting;

public class ParetoFrontTests
{
    [Fact]
    public void Dominated_points_are_dropped_and_the_front_is_sorted_by_x()
    {
        // (1,5) (2,3) (4,1) trade off; (3,4) is beaten by (2,3); (5,2) by (4,1).
        var points = new[] { new ChartPoint(5, 2), new ChartPoint(2, 3), new ChartPoint(3, 4), new ChartPoint(1, 5), new ChartPoint(4, 1) };

        var front = ParetoFront.Of(points);

        Assert.Equal([new ChartPoint(1, 5), new ChartPoint(2, 3), new ChartPoint(4, 1)], front);
    }

    [Fact]
    public void A_point_tied_in_x_but_worse_in_y_is_dominated()
    {
        var front = ParetoFront.Of([new ChartPoint(1, 2), new ChartPoint(1, 3)]);

        Assert.Equal([new ChartPoint(1, 2)], front);
    }

    [Fact]
    public void Duplicates_appear_once_and_non_finite_points_are_ignored()
    {
        var front = ParetoFront.Of([new ChartPoint(1, 1), new ChartPoint(1, 1), new ChartPoint(double.NaN, 0)]);

        Assert.Equal([new ChartPoint(1, 1)], front);
    }

    [Fact]
    public void No_points_give_an_empty_front()
    {
        Assert.Empty(ParetoFront.Of([]));
    }
}
