using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Tests.Components.Shared.Charting;

public class EtaEstimateTests
{
    [Fact]
    public void Remaining_time_follows_the_pace_so_far()
    {
        // 50 of 200 steps in 10 s → 0.2 s/step × 150 steps left = 30 s.
        Assert.Equal(TimeSpan.FromSeconds(30), EtaEstimate.Remaining(50, 200, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void There_is_no_estimate_before_the_first_step()
    {
        Assert.Null(EtaEstimate.Remaining(0, 200, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void A_finished_run_has_nothing_left()
    {
        Assert.Equal(TimeSpan.Zero, EtaEstimate.Remaining(200, 200, TimeSpan.FromSeconds(40)));
    }

    [Fact]
    public void A_plan_is_its_steps_over_the_throughput_shared_by_concurrent_runs()
    {
        // 12 runs × 200 steps = 2,400 steps at 20 steps/s on 2 concurrent runs → 60 s.
        Assert.Equal(TimeSpan.FromSeconds(60), EtaEstimate.ForPlan(2400, 20, 2));
    }

    [Fact]
    public void Without_a_measured_throughput_a_plan_has_no_estimate()
    {
        Assert.Null(EtaEstimate.ForPlan(2400, 0, 1));
    }
}
