using Forgetless.Web.Features.NewExperiment;

namespace Forgetless.Web.Tests.Features.NewExperiment;

/// <summary>A model's speed split into training tokens/s, seconds per evaluation and a fixed cost per run, worked by hand.</summary>
public sealed class TrainingSpeedTests
{
    [Fact]
    public void Each_part_of_a_run_is_measured_apart()
    {
        // A: 100 s wall, 60 s on the trainer's clock of which 12 s in 6 evaluations, 9,600 tokens.
        // B:  50 s wall, 30 s of which 6 s in 3 evaluations, 4,800 tokens.
        // Evaluations: 18 s / 9 = 2 s each. Steps: (60 − 12) + (30 − 6) = 72 s for 14,400 tokens = 200 tokens/s.
        // Outside the trainer: 40 s and 20 s, 30 s per run.
        var speed = TrainingSpeed.From([new FinishedRun(100, 60, 12, 9_600, 6), new FinishedRun(50, 30, 6, 4_800, 3)]);

        Assert.Equal(new TrainingSpeed(200, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30)), speed);
    }

    [Fact]
    public void A_run_that_did_not_record_its_evaluation_time_has_its_evaluations_costed_at_the_others_rate()
    {
        // A as above (2 s per evaluation). C: 80 s wall, 50 s trained, 5 evaluations costed 10 s: 40 s of steps.
        // 17,600 tokens over 48 + 40 = 88 s = 200 tokens/s; outside the trainer 40 s and 30 s, 35 s per run.
        var speed = TrainingSpeed.From([new FinishedRun(100, 60, 12, 9_600, 6), new FinishedRun(80, 50, null, 8_000, 5)]);

        Assert.Equal(new TrainingSpeed(200, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(35)), speed);
    }

    [Fact]
    public void Without_a_run_that_trained_a_token_there_is_no_speed()
    {
        Assert.Null(TrainingSpeed.From([]));
        Assert.Null(TrainingSpeed.From([new FinishedRun(10, 5, 1, 0, 2)]));
    }
}
