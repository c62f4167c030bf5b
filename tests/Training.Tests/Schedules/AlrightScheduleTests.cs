using Forgetless.Training.Schedules;

namespace Forgetless.Training.Tests.Schedules;

public class AlrightScheduleTests
{
    private static List<int> Choices(AlrightSchedule schedule, int steps, int from = 0) =>
        [.. Enumerable.Range(from, steps).Select(s => schedule.Plan(s, ScriptedProbe.Constant(1, 1)).ObjectiveCode)];

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Dpo_share_is_close_to_lambda(double lambda)
    {
        var choices = Choices(new AlrightSchedule(lambda, seed: 42), 20_000);

        // Binomial standard deviation of the share is at most 0.0036 at n = 20 000; allow about 3.5 sigma.
        Assert.InRange(choices.Average(), lambda - 0.0125, lambda + 0.0125);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 1)]
    public void Lambda_zero_or_one_always_picks_the_same_objective(double lambda, int objective)
    {
        Assert.All(Choices(new AlrightSchedule(lambda, seed: 3), 500), c => Assert.Equal(objective, c));
    }

    [Fact]
    public void Same_seed_gives_the_same_choices_and_another_seed_differs()
    {
        var first = Choices(new AlrightSchedule(0.5, seed: 7), 200);
        var again = Choices(new AlrightSchedule(0.5, seed: 7), 200);
        var other = Choices(new AlrightSchedule(0.5, seed: 8), 200);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Trains_one_objective_unweighted_and_advances_only_its_loader()
    {
        var plan = new AlrightSchedule(0.5, seed: 1).Plan(0, ScriptedProbe.Constant(1, 1));

        Assert.Equal(1.0, plan.SftWeight + plan.DpoWeight);
        Assert.False(plan.DrawsBothBatches);
    }

    [Fact]
    public void Restored_state_continues_the_same_sequence()
    {
        var uninterrupted = new AlrightSchedule(0.3, seed: 11);
        var expected = Choices(uninterrupted, 100);
        var interrupted = new AlrightSchedule(0.3, seed: 11);
        var head = Choices(interrupted, 40);
        var resumed = new AlrightSchedule(0.3, seed: 999);
        resumed.RestoreState(interrupted.SaveState());

        var tail = Choices(resumed, 60, from: 40);

        Assert.Equal(expected, head.Concat(tail));
    }
}
