using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Tests.Components.Shared.Charting;

public class PlaneIdealTests
{
    // (f*_DPO, f*_SFT) of two seeds, and the best over both, which no single seed measures against.
    private static readonly Dictionary<int, ChartPoint> SeedIdeals = new() { [1] = new(0.2, 0.6), [2] = new(0.3, 1.0) };
    private static readonly ChartPoint Overall = new(0.1, 0.5);

    [Fact]
    public void One_seed_gets_its_own_star_not_the_best_over_all_seeds()
    {
        var star = Assert.Single(PlaneIdeal.For([2], SeedIdeals, Overall, singleSeeds: false));

        Assert.Equal(new ChartPoint(0.3, 1.0), star.Point);
        Assert.Equal(0, star.Sft.Spread);
    }

    [Fact]
    public void Several_seeds_get_the_mean_of_their_own_stars_with_one_standard_deviation()
    {
        var star = Assert.Single(PlaneIdeal.For([1, 2], SeedIdeals, Overall, singleSeeds: false));

        Assert.Equal(0.25, star.Point.X, 12);
        Assert.Equal(0.8, star.Point.Y, 12);
        Assert.Equal(Math.Sqrt(0.005), star.Dpo.Spread, 12); // sample std of 0.2 and 0.3
        Assert.Equal(Math.Sqrt(0.08), star.Sft.Spread, 12); // of 0.6 and 1.0
        Assert.Contains("mean of the 2 seeds", star.Name);
        Assert.False(star.Faint);
    }

    [Fact]
    public void Shown_single_seeds_add_each_seeds_own_faint_star_under_the_mean()
    {
        var stars = PlaneIdeal.For([2, 1], SeedIdeals, Overall, singleSeeds: true);

        Assert.Equal(3, stars.Count);
        Assert.Equal([new ChartPoint(0.2, 0.6), new ChartPoint(0.3, 1.0)], stars.Where(s => s.Faint).Select(s => s.Point));
        Assert.Equal(["ideal point of seed 1", "ideal point of seed 2"], stars.Where(s => s.Faint).Select(s => s.Name));
    }

    [Fact]
    public void A_seed_without_its_own_point_uses_the_experiments_as_the_bars_do()
    {
        var star = Assert.Single(PlaneIdeal.For([1, 3], SeedIdeals, Overall, singleSeeds: false));

        Assert.Equal(0.15, star.Point.X, 12); // (0.2 + 0.1) / 2
        Assert.Equal(0.55, star.Point.Y, 12); // (0.6 + 0.5) / 2
    }

    [Fact]
    public void Before_any_run_is_evaluated_the_experiments_point_is_the_star()
    {
        Assert.Equal(Overall, Assert.Single(PlaneIdeal.For([], SeedIdeals, Overall, singleSeeds: false)).Point);
        Assert.Empty(PlaneIdeal.For([], SeedIdeals, null, singleSeeds: false));
    }
}
