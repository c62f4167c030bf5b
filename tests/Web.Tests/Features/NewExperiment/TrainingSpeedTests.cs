using Forgetless.Web.Features.NewExperiment;

namespace Forgetless.Web.Tests.Features.NewExperiment;

/// <summary>A model's speed split into training tokens/s, seconds per evaluation and a fixed cost per run (the median run's), worked by hand.</summary>
public sealed class TrainingSpeedTests
{
    [Fact]
    public void Each_part_of_a_run_is_the_median_runs()
    {
        // A: 100 s wall, 60 s on the trainer's clock of which 12 s in 6 evaluations, 9,600 tokens: 2 s per evaluation,
        //    9,600 / 48 s = 200 tokens/s, 40 s outside the trainer.
        // B:  50 s wall, 30 s of which 9 s in 3 evaluations, 5,250 tokens: 3 s, 5,250 / 21 s = 250 tokens/s, 20 s.
        // C (a cold first run): 400 s wall, 200 s of which 60 s in 6 evaluations, 7,000 tokens: 10 s, 50 tokens/s, 200 s.
        // Medians: 200 tokens/s, 3 s per evaluation, 40 s per run.
        var speed = TrainingSpeed.From([new FinishedRun(100, 60, 12, 9_600, 6), new FinishedRun(50, 30, 9, 5_250, 3), new FinishedRun(400, 200, 60, 7_000, 6)]);

        Assert.Equal(new TrainingSpeed(200, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(40)), speed);
    }

    [Fact]
    public void A_run_that_did_not_record_its_evaluation_time_has_its_evaluations_costed_at_the_others_rate()
    {
        // A as above (2 s per evaluation, 200 tokens/s, 40 s). D: 80 s wall, 50 s trained, 5 evaluations costed 10 s: 40 s
        // of steps for 12,000 tokens = 300 tokens/s; 30 s outside the trainer. Medians of two: 250 tokens/s, 35 s.
        var speed = TrainingSpeed.From([new FinishedRun(100, 60, 12, 9_600, 6), new FinishedRun(80, 50, null, 12_000, 5)]);

        Assert.Equal(new TrainingSpeed(250, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(35)), speed);
    }

    [Fact]
    public void Without_a_run_that_trained_a_token_there_is_no_speed()
    {
        Assert.Null(TrainingSpeed.From([]));
        Assert.Null(TrainingSpeed.From([new FinishedRun(10, 5, 1, 0, 2)]));
    }
}
