using Forgetless.Training.Running;
using Forgetless.Training.Running.Experiments;

namespace Forgetless.Training.Tests.Running.Experiments;

public class ForgettingTests
{
    private static readonly EvalPoint[] Curve =
    [
        new(0, 4.0, 0.7, 0), new(10, 1.0, 0.7, 0), new(20, 0.5, 0.7, 0), new(30, 2.0, 0.1, 1), new(40, 3.5, 0.0, 1),
    ];

    [Fact]
    public void Sequential_forgetting_is_measured_from_the_best_before_the_dpo_stage()
    {
        // Best f_SFT at or before step 20 is 0.5; final 3.5.
        Assert.Equal(3.0, Forgetting.Sft(Curve, dpoStageStart: 20), 12);
    }

    [Fact]
    public void Joint_forgetting_is_measured_from_the_runs_best()
    {
        Assert.Equal(3.0, Forgetting.Sft(Curve, dpoStageStart: 40), 12);
        Assert.Equal(0.0, Forgetting.Sft([new(0, 2, 1, 0), new(10, 1, 1, 0)], dpoStageStart: 10), 12);
    }

    [Fact]
    public void A_dpo_only_run_compares_with_the_starting_model()
    {
        Assert.Equal(-0.5, Forgetting.Sft(Curve, dpoStageStart: 0), 12);
    }

    private static readonly EvalPoint[] DpoThenSft =
    [
        new(0, 4.0, 0.69, 0), new(10, 3.0, 0.40, 1), new(20, 2.5, 0.25, 1), new(30, 1.0, 0.55, 0), new(40, 0.6, 0.90, 0),
    ];

    [Fact]
    public void Sequential_dpo_to_sft_forgets_dpo_from_the_best_before_the_sft_stage()
    {
        // Best f_DPO at or before the switch at step 20 is 0.25; final 0.90.
        Assert.Equal(0.65, Forgetting.Dpo(DpoThenSft, sftStageStart: 20), 12);
    }

    [Fact]
    public void Joint_dpo_forgetting_is_measured_from_the_runs_best()
    {
        Assert.Equal(0.65, Forgetting.Dpo(DpoThenSft, sftStageStart: 40), 12);
        Assert.Equal(0.0, Forgetting.Dpo([new(0, 2, 0.7, 0), new(10, 1, 0.3, 1)], sftStageStart: 10), 12);
    }

    [Fact]
    public void An_sft_only_run_compares_its_dpo_loss_with_the_starting_model()
    {
        Assert.Equal(0.90 - 0.69, Forgetting.Dpo(DpoThenSft, sftStageStart: 0), 12);
    }

    [Fact]
    public void Dpo_points_that_were_not_measured_are_skipped_and_an_unmeasured_start_gives_nan()
    {
        EvalPoint[] curve = [new(0, 4, double.NaN, 0), new(10, 3, 0.5, 0), new(20, 2, 0.6, 0)];

        Assert.Equal(0.1, Forgetting.Dpo(curve, sftStageStart: 20), 12);
        Assert.True(double.IsNaN(Forgetting.Dpo(curve, sftStageStart: 0)));
    }
}
