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
}
