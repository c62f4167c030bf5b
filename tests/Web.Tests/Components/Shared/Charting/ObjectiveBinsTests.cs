using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Tests.Components.Shared.Charting;

public class ObjectiveBinsTests
{
    [Fact]
    public void Sequential_sft_then_dpo_shows_a_clean_switch()
    {
        // Steps 1–50 SFT, 51–100 DPO, in 4 bins of 25 steps.
        var steps = Enumerable.Range(1, 100).Select(s => new ChartPoint(s, s <= 50 ? ObjectiveBins.Sft : ObjectiveBins.Dpo)).ToList();

        Assert.Equal([0.0, 0.0, 1.0, 1.0], ObjectiveBins.DpoShare(steps, 100, 4));
    }

    [Fact]
    public void Mix_steps_count_as_half_and_empty_bins_are_null()
    {
        var steps = new[] { new ChartPoint(1, ObjectiveBins.Both), new ChartPoint(2, ObjectiveBins.Dpo) };

        Assert.Equal([0.75, null], ObjectiveBins.DpoShare(steps, 4, 2));
    }
}
