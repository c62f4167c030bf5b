using Forgetless.Training.Schedules;

namespace Forgetless.Training.Tests.Schedules;

public class MixScheduleTests
{
    [Theory]
    [InlineData(0.0, 1.0, 0.0)]
    [InlineData(0.25, 0.75, 0.25)]
    [InlineData(0.5, 0.5, 0.5)]
    [InlineData(1.0, 0.0, 1.0)]
    public void Weights_sft_by_one_minus_lambda_and_dpo_by_lambda(double lambda, double sftWeight, double dpoWeight)
    {
        var plan = new MixSchedule(lambda).Plan(7, ScriptedProbe.Constant(1, 1));

        Assert.Equal(sftWeight, plan.SftWeight, 12);
        Assert.Equal(dpoWeight, plan.DpoWeight, 12);
        Assert.True(plan.DrawsBothBatches);
    }

    [Fact]
    public void Reports_objective_code_two_when_training_both()
    {
        Assert.Equal(2, new MixSchedule(0.5).Plan(0, ScriptedProbe.Constant(1, 1)).ObjectiveCode);
    }

    [Fact]
    public void Rejects_a_lambda_outside_zero_to_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MixSchedule(1.5));
    }
}
