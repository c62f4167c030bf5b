using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Tests.Components.Shared.Charting;

public class IdealDistanceTests
{
    // Chart points are (x = f_DPO, y = f_SFT), as on the trade-off plane.
    [Fact]
    public void A_final_point_that_beats_the_ideal_point_on_one_objective_is_measured_by_the_other_gap_alone()
    {
        // f_DPO 0.35 is below f*_DPO 0.40: gap 0, not −0.05. f_SFT gap 0.70 − 0.50 = 0.20.
        Assert.Equal(0.20, IdealDistance.Between(new ChartPoint(0.35, 0.70), new ChartPoint(0.40, 0.50)), 12);
    }

    [Fact]
    public void Beating_both_is_no_distance_and_above_both_it_is_the_euclidean_norm()
    {
        Assert.Equal(0.0, IdealDistance.Between(new ChartPoint(0.35, 0.45), new ChartPoint(0.40, 0.50)), 12);
        Assert.Equal(0.5, IdealDistance.Between(new ChartPoint(0.80, 0.80), new ChartPoint(0.40, 0.50)), 12); // gaps 0.4, 0.3
    }
}
