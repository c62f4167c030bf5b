using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Tests.Components.Shared.Charting;

public class SeedStatisticsTests
{
    [Fact]
    public void Mean_and_spread_are_the_mean_and_sample_standard_deviation()
    {
        // 1, 2, 6: mean 3; squared deviations 4 + 1 + 9 = 14; 14 / (3 − 1) = 7; spread √7 ≈ 2.6458.
        var spread = MeanSpread.Of([1, 2, 6]);

        Assert.Equal(3, spread.Mean, 12);
        Assert.Equal(Math.Sqrt(7), spread.Spread, 12);
        Assert.Equal(3, spread.Count);
    }

    [Fact]
    public void One_seed_has_no_spread_and_a_diverged_seed_is_left_out()
    {
        Assert.Equal(new MeanSpread(0.5, 0, 1), MeanSpread.Of([0.5]));
        Assert.Equal(new MeanSpread(1.5, Math.Sqrt(0.5), 2), MeanSpread.Of([1, double.NaN, 2]));
    }

    [Fact]
    public void A_seed_mean_covers_only_the_steps_every_seed_has_reached()
    {
        // Seed 1 is at step 20, seed 2 only at step 10: the mean stops at 10.
        IReadOnlyList<ChartPoint> first = [new(0, 2.0), new(10, 1.0), new(20, 0.5)];
        IReadOnlyList<ChartPoint> second = [new(0, 4.0), new(10, 2.0)];

        var mean = SeedMean.Of([first, second]);

        Assert.Equal([new ChartPoint(0, 3.0), new ChartPoint(10, 1.5)], mean);
    }
}
