using Forgetless.Web.Components.Shared.Charting;
using Forgetless.Web.Features.ExperimentDetail;

namespace Forgetless.Web.Tests.Features.ExperimentDetail;

public class RunStylesTests
{
    private static RunView Run(int id, string schedule, double? lambda, int experimentId, string? experimentName = null, int seed = 1) =>
        new(id, schedule, lambda, lambda is null, "Completed", 20, null, null, "admin", experimentId, experimentName, Seed: seed);

    [Fact]
    public void A_schedule_has_one_colour_and_each_lambda_its_own_dash()
    {
        var styles = RunStyles.Assign([Run(1, "alright", 0.25, 7), Run(2, "alright", 0.75, 7), Run(3, "maxright", 0.25, 7), Run(4, "sft_only", null, 7)]);

        Assert.Equal(styles[1].Color, styles[2].Color);
        Assert.NotEqual(styles[1].Color, styles[3].Color);
        Assert.Equal("solid", styles[1].Dash);
        Assert.Equal("dash", styles[2].Dash);
        Assert.Equal(styles[1].Dash, styles[3].Dash);
        Assert.Equal("solid", styles[4].Dash);
    }

    [Fact]
    public void The_compare_page_keeps_each_schedules_colour_and_tells_experiments_apart_by_dash_and_name()
    {
        var first = Run(4, "maxright", 0.5, 1, "Monday");
        var second = Run(9, "maxright", 0.5, 2, "Tuesday");
        var sequential = Run(5, "sequential_sft_dpo", 0.5, 1, "Monday");

        var styles = RunStyles.Assign([first, second, sequential]);
        var alone = RunStyles.Assign([Run(12, "maxright", 0.5, 3)]);

        // MAXRIGHT is teal here as on the experiment page; red stays Sequential SFT→DPO's.
        Assert.Equal(alone[12].Color, styles[4].Color);
        Assert.Equal(styles[4].Color, styles[9].Color);
        Assert.Equal(SchedulePalette.ColorOf("sequential_sft_dpo"), styles[5].Color);
        Assert.NotEqual(styles[4].Dash, styles[9].Dash);
        Assert.Equal("Monday · MAXRIGHT λ=0.5", first.Name);
        Assert.Equal("Tuesday · MAXRIGHT λ=0.5", second.Name);
    }

    [Fact]
    public void The_two_optima_never_share_a_colour_with_each_other_or_a_schedule()
    {
        string[] schedules = ["sft_only", "dpo_only", "sequential_sft_dpo", "sequential_dpo_sft", "mix", "alright", "maxright"];

        Assert.Equal(schedules.Length, schedules.Select(SchedulePalette.ColorOf).Distinct().Count());
    }

    [Fact]
    public void Seeds_of_one_schedule_and_lambda_are_drawn_faint_in_one_legend_group()
    {
        var styles = RunStyles.Assign([Run(1, "alright", 0.5, 7, seed: 1), Run(2, "alright", 0.5, 7, seed: 2), Run(3, "mix", 0.5, 7)]);

        Assert.True(styles[1].Faint && styles[2].Faint);
        Assert.Equal(styles[1].Group, styles[2].Group);
        Assert.False(styles[3].Faint);
        Assert.False(RunStyles.Mean(styles[1]).Faint);
    }
}
