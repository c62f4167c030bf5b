using Forgetless.Training.Schedules;

namespace Forgetless.Training.Tests.Schedules;

public class SequentialScheduleTests
{
    [Theory]
    [InlineData(Objective.Sft, 3L, 0L, Objective.Sft)]
    [InlineData(Objective.Sft, 3L, 2L, Objective.Sft)]
    [InlineData(Objective.Sft, 3L, 3L, Objective.Dpo)]
    [InlineData(Objective.Sft, 3L, 9L, Objective.Dpo)]
    [InlineData(Objective.Dpo, 5L, 4L, Objective.Dpo)]
    [InlineData(Objective.Dpo, 5L, 5L, Objective.Sft)]
    [InlineData(Objective.Sft, 0L, 0L, Objective.Dpo)]
    public void Switches_to_the_second_objective_exactly_at_the_split(Objective first, long split, long step, Objective expected)
    {
        var schedule = new SequentialSchedule(first, split);

        var plan = schedule.Plan(step, ScriptedProbe.Constant(1, 1));

        Assert.Equal(expected == Objective.Sft ? 1.0 : 0.0, plan.SftWeight);
        Assert.Equal(expected == Objective.Dpo ? 1.0 : 0.0, plan.DpoWeight);
        Assert.False(plan.DrawsBothBatches);
    }

    [Fact]
    public void Asks_for_a_fresh_optimizer_only_at_the_switch()
    {
        var schedule = new SequentialSchedule(Objective.Sft, 4);

        var fresh = Enumerable.Range(0, 10).Where(s => schedule.Plan(s, ScriptedProbe.Constant(1, 1)).FreshOptimizer);

        Assert.Equal([4], fresh);
    }

    [Fact]
    public void Never_evaluates_both_objectives()
    {
        var schedule = new SequentialSchedule(Objective.Dpo, 2);
        var probe = ScriptedProbe.Constant(1, 1);

        for (var step = 0; step < 6; step++)
        {
            schedule.Plan(step, probe);
        }

        Assert.Equal(0, probe.Calls);
    }
}
