using Forgetless.Training.Schedules;

namespace Forgetless.Training.Tests.Schedules;

public class MaxrightScheduleTests
{
    // Gaps by hand: s_SFT = (1−λ)(f_SFT − f*_SFT), s_DPO = λ(f_DPO − f*_DPO), ideal (1.0, 0.2).
    [Theory]
    [InlineData(0.5, 1.5, 0.9, 1)] // s_SFT 0.25 < s_DPO 0.35
    [InlineData(0.2, 1.5, 0.9, 0)] // s_SFT 0.40 > s_DPO 0.14
    [InlineData(0.8, 3.0, 0.69, 0)] // s_SFT 0.40 > s_DPO 0.392
    [InlineData(0.8, 3.0, 0.71, 1)] // s_SFT 0.40 < s_DPO 0.408
    [InlineData(0.5, 0.5, 0.1, 1)] // both negative: s_SFT −0.25 < s_DPO −0.05
    public void Trains_the_objective_with_the_larger_weighted_gap(double lambda, double sft, double dpo, int expected)
    {
        var schedule = new MaxrightSchedule(lambda, evaluationInterval: 10, new IdealPoint(1.0, 0.2));

        var plan = schedule.Plan(0, ScriptedProbe.Constant(sft, dpo));

        Assert.Equal(expected, plan.ObjectiveCode);
        Assert.Equal(1.0, plan.SftWeight + plan.DpoWeight);
        Assert.True(plan.DrawsBothBatches);
    }

    // Exact ties in binary floating point: 0.5·0.75 = 0.5·0.75 and 0.75·1 = 0.25·3.
    [Theory]
    [InlineData(0.5, 0.75, 0.75)]
    [InlineData(0.25, 1.0, 3.0)]
    public void Ties_go_to_sft(double lambda, double sft, double dpo)
    {
        var schedule = new MaxrightSchedule(lambda, evaluationInterval: 1, IdealPoint.Origin);

        Assert.Equal(0, schedule.Plan(0, ScriptedProbe.Constant(sft, dpo)).ObjectiveCode);
    }

    [Theory]
    [InlineData(1, 10, new long[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 })]
    [InlineData(3, 10, new long[] { 0, 3, 6, 9 })]
    [InlineData(10, 25, new long[] { 0, 10, 20 })]
    [InlineData(0, 25, new long[] { 0 })]
    [InlineData(-1, 25, new long[] { 0 })]
    public void Evaluates_before_training_and_then_exactly_every_k_steps(int k, int steps, long[] expectedSteps)
    {
        var schedule = new MaxrightSchedule(0.5, k, IdealPoint.Origin);
        var probe = ScriptedProbe.Constant(1, 1);
        var evaluatedAt = new List<long>();

        for (long step = 0; step < steps; step++)
        {
            var callsBefore = probe.Calls;
            var plan = schedule.Plan(step, probe);
            schedule.Observe(new StepLosses(step, plan.TrainsSft ? 1 : null, plan.TrainsDpo ? 1 : null));
            if (probe.Calls > callsBefore)
            {
                evaluatedAt.Add(step);
            }
        }

        Assert.Equal(expectedSteps, evaluatedAt);
        Assert.Equal(expectedSteps.Length, schedule.Evaluations);
    }

    [Fact]
    public void Uses_stale_gaps_between_evaluations_and_refreshes_only_the_trained_objective()
    {
        // λ = 0.5, f* = 0: the gaps are half the losses. Second evaluation (step 4) says SFT is far worse.
        var probe = new ScriptedProbe(call => call == 0 ? new ObjectiveLosses(1.0, 2.0) : new ObjectiveLosses(9.0, 0.0));
        var schedule = new MaxrightSchedule(0.5, evaluationInterval: 4, IdealPoint.Origin);
        var trainedLosses = new Queue<double>([0.4, 0.3, 0.1, 0.05]);
        var choices = new List<int>();

        for (long step = 0; step < 5; step++)
        {
            var plan = schedule.Plan(step, probe);
            choices.Add(plan.ObjectiveCode);
            var loss = trainedLosses.Count > 0 ? trainedLosses.Dequeue() : 1.0;
            schedule.Observe(new StepLosses(step, plan.TrainsSft ? loss : null, plan.TrainsDpo ? loss : null));
        }

        // step 0: (0.5, 1.0) → DPO, refreshed to 0.2; step 1: 0.5 > 0.2 → SFT, refreshed to 0.15;
        // step 2: 0.15 < 0.2 → DPO, refreshed to 0.05; step 3: 0.15 > 0.05 → SFT; step 4: re-evaluated (4.5, 0) → SFT.
        Assert.Equal([1, 0, 1, 0, 0], choices);
        Assert.Equal(2, probe.Calls);
    }

    [Fact]
    public void Restored_state_keeps_the_stale_gaps_and_skips_the_initial_evaluation()
    {
        var original = new MaxrightSchedule(0.5, evaluationInterval: 100, new IdealPoint(0.5, 0.1));
        var plan = original.Plan(0, ScriptedProbe.Constant(2.0, 1.0));
        original.Observe(new StepLosses(0, plan.TrainsSft ? 1.9 : null, plan.TrainsDpo ? 0.9 : null));
        var resumed = new MaxrightSchedule(0.5, evaluationInterval: 100, new IdealPoint(0.5, 0.1));
        var probe = ScriptedProbe.Constant(100, 0);

        resumed.RestoreState(original.SaveState());
        resumed.Plan(1, probe);

        Assert.Equal(original.WeightedGaps, resumed.WeightedGaps);
        Assert.Equal(0, probe.Calls);
        Assert.Equal((0.5 * (1.9 - 0.5), 0.5 * (1.0 - 0.1)), (resumed.WeightedGaps.Sft, resumed.WeightedGaps.Dpo));
    }
}
