using Forgetless.Training.Schedules;

namespace Forgetless.Training.Tests.Schedules;

public class LearningRateScheduleTests
{
    [Theory]
    [InlineData(0L, 1e-3)]
    [InlineData(999L, 1e-3)]
    public void Constant_rate_never_changes(long step, double expected)
    {
        Assert.Equal(expected, LearningRateSchedule.Constant(1e-3).At(step), 15);
    }

    // Peak 1.0, 4 warm-up steps, cosine to 0.1 over steps 4..14 (10 decay steps).
    [Theory]
    [InlineData(0L, 0.25)]
    [InlineData(1L, 0.5)]
    [InlineData(3L, 1.0)]
    [InlineData(4L, 1.0)]
    [InlineData(9L, 0.55)] // half way: 0.1 + 0.5·(1 + cos(π/2))·0.9
    [InlineData(14L, 0.1)]
    [InlineData(50L, 0.1)]
    public void Warmup_then_cosine_follows_the_formula(long step, double expected)
    {
        var schedule = new LearningRateSchedule(1.0, WarmupSteps: 4, Cosine: true, TotalSteps: 14, MinimumRate: 0.1);

        Assert.Equal(expected, schedule.At(step), 12);
    }

    [Fact]
    public void Warmup_without_cosine_stays_at_the_peak()
    {
        var schedule = new LearningRateSchedule(2.0, WarmupSteps: 2);

        Assert.Equal([1.0, 2.0, 2.0], [schedule.At(0), schedule.At(1), schedule.At(2)]);
    }
}
