using Forgetless.Web.Service.Queries;

namespace Forgetless.Web.Tests.Service.Queries;

public class SeriesDownsamplerTests
{
    [Fact]
    public void A_curve_that_fits_keeps_every_point()
    {
        Assert.Equal([0, 1, 2, 3], SeriesDownsampler.Keep([4.0, 3.0, 2.0, 1.0], 10));
    }

    [Theory]
    [InlineData(10_000, 1_000)]
    [InlineData(1_001, 1_000)]
    [InlineData(50, 2)]
    [InlineData(50, 3)]
    [InlineData(77, 10)]
    public void A_long_curve_keeps_at_most_max_points_in_order_with_its_first_and_last(int count, int maxPoints)
    {
        var values = Enumerable.Range(0, count).Select(i => Math.Sin(i / 7.0)).ToList();

        var kept = SeriesDownsampler.Keep(values, maxPoints);

        Assert.InRange(kept.Count, 2, maxPoints);
        Assert.Equal(0, kept[0]);
        Assert.Equal(count - 1, kept[^1]);
        Assert.Equal(kept.Order().Distinct(), kept);
    }

    [Fact]
    public void A_spike_and_a_dip_that_every_nth_thinning_would_skip_are_kept()
    {
        var values = Enumerable.Repeat(1.0, 1_000).ToList();
        values[333] = 40;
        values[667] = -40;

        var kept = SeriesDownsampler.Keep(values, 20);

        Assert.Contains(333, kept);
        Assert.Contains(667, kept);
    }

    [Fact]
    public void Nan_points_never_hide_a_finite_extreme_and_an_all_nan_bucket_keeps_one_point()
    {
        var values = Enumerable.Repeat(double.NaN, 100).ToList();
        values[0] = 1;
        values[40] = 5;
        values[99] = 2;

        var kept = SeriesDownsampler.Keep(values, 10); // 4 buckets of 24–25 inner points

        Assert.Contains(40, kept);
        Assert.InRange(kept.Count, 6, 10); // first, last, 40, and one point of each all-NaN bucket
    }
}
