using Forgetless.Training.Batches;
using Forgetless.Web.Features.NewExperiment;
using Forgetless.Web.Service.Experiments;

namespace Forgetless.Web.Tests.Features.NewExperiment;

/// <summary>The launch estimate's arithmetic: training tokens at the measured rate, plus evaluations, plus each run's set-up.</summary>
public sealed class LaunchEstimateTests
{
    // Every SFT example 20 tokens (10 + 10, 5 + 15), every pair 40 (20 prompt + 20 response).
    private static readonly ExampleLengths Even = new([new ExampleLength(10, 10), new ExampleLength(5, 15)], [new ExampleLength(10, 10, 10)]);

    private static ExperimentForm AlrightAtHalf() => new()
    {
        SftDatasetId = 1, PreferenceDatasetId = 2, MaxLength = 64, SeedCount = 1, Steps = 10, EvalInterval = 4,
        SftBatchSize = 2, DpoBatchSize = 2, Lambdas = "0.5", Schedules = [ScheduleNames.Alright],
    };

    [Fact]
    public void The_estimate_adds_training_at_the_measured_rate_the_evaluations_and_each_runs_set_up()
    {
        // Runs: SFT-only, DPO-only and ALRIGHT (3). SFT step 2 × 20 = 40 tokens, DPO step 2 × 40 = 80: 10 × 40 + 10 × 80
        // + 10 × (0.5 × 40 + 0.5 × 80) = 1,800 tokens, 30 s at 60 tokens/s. Each run evaluates before steps 0, 4, 8 and
        // after the last: 12 evaluations at 2 s = 24 s. Set-up 3 × 5 s = 15 s. In all 69 s.
        var estimate = LaunchEstimate.For(AlrightAtHalf().ToRequest(), Even, new TrainingSpeed(60, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)));

        Assert.Equal((3, 1_800L, 12L), (estimate.Runs, estimate.Tokens, estimate.Evaluations));
        Assert.Equal((30.0, 24.0, 15.0), (estimate.Training.TotalSeconds, estimate.Evaluating.TotalSeconds, estimate.Overhead.TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(69), estimate.Duration);
    }

    [Fact]
    public void With_two_slots_a_seeds_optima_still_train_one_after_another_and_its_schedules_side_by_side()
    {
        // Per run at 60 tokens/s, 4 evaluations × 2 s and 5 s set-up: SFT-only 400 tokens → 6⅔ + 8 + 5 = 19⅔ s; DPO-only
        // 800 → 13⅓ + 8 + 5 = 26⅓ s; ALRIGHT 600 → 10 + 8 + 5 = 23 s; Mix (both every step) 1,200 → 20 + 8 + 5 = 33 s.
        var form = AlrightAtHalf();
        form.Schedules = [ScheduleNames.Alright, ScheduleNames.Mix];
        var speed = new TrainingSpeed(60, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
        var oneSeed = LaunchEstimate.For(form.ToRequest(), Even, speed);

        Assert.Equal(102, oneSeed.Duration.TotalSeconds, 9); // 19⅔ + 26⅓ + 23 + 33, the runs one after another
        Assert.Equal(102, oneSeed.WallTime(1).TotalSeconds, 9);
        Assert.Equal(79, oneSeed.WallTime(2).TotalSeconds, 9); // 46 for the optima, then ALRIGHT beside Mix: 33 more

        // Two seeds, queue order seed by seed (schedules in the form's order, Mix before ALRIGHT): both SFT-only runs, both
        // DPO-only runs (46 s), then Mix₁ and ALRIGHT₁ (end 79 and 69), Mix₂ when a slot frees at 69 (ends 102), ALRIGHT₂ at 79 (ends 102).
        form.SeedCount = 2;
        var twoSeeds = LaunchEstimate.For(form.ToRequest(), Even, speed);
        Assert.Equal(204, twoSeeds.Duration.TotalSeconds, 9);
        Assert.Equal(102, twoSeeds.WallTime(2).TotalSeconds, 9);
        Assert.Equal(204, twoSeeds.WallTime(1).TotalSeconds, 9);
    }

    [Fact]
    public void Without_a_measured_speed_only_the_tokens_are_known()
    {
        var estimate = LaunchEstimate.For(AlrightAtHalf().ToRequest(), Even, speed: null);

        Assert.Equal(1_800, estimate.Tokens);
        Assert.Equal(TimeSpan.Zero, estimate.Duration);
    }

    [Theory]
    [InlineData(10, 4, 4)] // 0, 4, 8 and after 10
    [InlineData(8, 4, 3)] // 0, 4 and after 8
    [InlineData(1, 20, 2)] // 0 and after 1
    public void A_run_evaluates_every_interval_from_step_0_and_once_after_its_last_step(long steps, int interval, long evaluations) =>
        Assert.Equal(evaluations, LaunchEstimate.EvaluationsPerRun(steps, interval));
}
