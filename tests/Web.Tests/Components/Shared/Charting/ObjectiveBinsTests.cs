using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Tests.Components.Shared.Charting;

public class ObjectiveBinsTests
{
    [Fact]
    public void Sequential_sft_then_dpo_shows_a_clean_switch()
    {
        // Steps 0–49 SFT, 50–99 DPO, in 4 bins of 25 steps.
        var steps = Enumerable.Range(0, 100).Select(s => new ChartPoint(s, s < 50 ? ObjectiveBins.Sft : ObjectiveBins.Dpo)).ToList();

        Assert.Equal([0.0, 0.0, 1.0, 1.0], ObjectiveBins.DpoShare(steps, 100, 4));
    }

    [Fact]
    public void Mix_steps_count_as_half_and_empty_bins_are_null()
    {
        var steps = new[] { new ChartPoint(0, ObjectiveBins.Both), new ChartPoint(1, ObjectiveBins.Dpo) };

        Assert.Equal([0.75, null], ObjectiveBins.DpoShare(steps, 4, 2));
    }

    [Fact]
    public void A_run_with_as_many_bins_as_steps_fills_every_bin_with_its_own_step()
    {
        // 6 steps, 6 bins: no bin is empty (a barcode of gaps) and none holds two steps.
        var steps = new[] { 0.0, 1, 1, 0, 1, 0 }.Select((objective, step) => new ChartPoint(step, objective)).ToList();

        Assert.Equal([0.0, 1.0, 1.0, 0.0, 1.0, 0.0], ObjectiveBins.DpoShare(steps, 6, 6));
    }
}
