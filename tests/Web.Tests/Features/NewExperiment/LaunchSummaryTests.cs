using Bunit;
using Forgetless.Training.Batches;
using Forgetless.Web.Features.NewExperiment;
using Forgetless.Web.Service.Experiments;

namespace Forgetless.Web.Tests.Features.NewExperiment;

/// <summary>The launcher's summary: truncation counts, the estimate, the queue ahead, and Launch held back by any problem.</summary>
public sealed class LaunchSummaryTests : BunitTestContext
{
    // SFT lengths (prompt + response with EOS): 30, 70, 10. Pairs (prompt + longer response): 70, 22.
    private static readonly ExampleLengths Lengths = new(
        [new ExampleLength(10, 20), new ExampleLength(40, 30), new ExampleLength(5, 5)],
        [new ExampleLength(20, 50, 30), new ExampleLength(10, 12, 10)]);

    public LaunchSummaryTests() => BeInteractive();

    private static ExperimentForm Form() => new() { SftDatasetId = 1, PreferenceDatasetId = 2, MaxLength = 64 };

    private IRenderedComponent<LaunchSummary> Render(ExperimentForm form, ExampleLengths? lengths = null, TrainingSpeed? speed = null, QueueAhead? queue = null) =>
        Render<LaunchSummary>(p => p
            .Add(c => c.Form, form)
            .Add(c => c.Problems, form.Problems(200, 256))
            .Add(c => c.Lengths, lengths)
            .Add(c => c.Speed, speed)
            .Add(c => c.Queue, queue));

    [Fact]
    public void It_counts_the_examples_and_pairs_the_maximum_length_cuts()
    {
        var summary = Render(Form(), Lengths);

        // At 64: the 70-token SFT example (1 of 3) and the 70-token pair (1 of 2).
        var text = summary.Find("#truncation").TextContent;
        Assert.Contains("At 64 tokens, 1 of 3 SFT examples and 1 of 2 preference pairs are cut.", Squash(text));
    }

    [Fact]
    public void The_counts_follow_the_maximum_length()
    {
        var form = Form();
        form.MaxLength = 24;

        // At 24: SFT 30 and 70 (2 of 3); pairs 70 (22 fits: 1 of 2).
        Assert.Contains("2 of 3 SFT examples and 1 of 2 preference pairs", Squash(Render(form, Lengths).Find("#truncation").TextContent));
    }

    [Fact]
    public void The_estimate_shows_training_evaluations_and_set_up_at_the_measured_speed()
    {
        // One seed, ALRIGHT at λ = 0.5, 10 steps, batches of 2, every example 20 tokens, every pair 40 (20 + 20):
        // SFT step 2 × 20 = 40 tokens, DPO step 2 × 40 = 80. SFT-only 10 × 40 = 400, DPO-only 10 × 80 = 800,
        // ALRIGHT 10 × (0.5 × 40 + 0.5 × 80) = 600: 1,800 tokens; at 60 tokens/s, 30 s. Evaluating every 4 steps: 4 per
        // run (0, 4, 8, after 10), 12 at 2 s = 24 s. Set-up 3 runs × 5 s = 15 s. In all 69 s.
        var form = Form();
        (form.SeedCount, form.Steps, form.EvalInterval, form.SftBatchSize, form.DpoBatchSize, form.Lambdas) = (1, 10, 4, 2, 2, "0.5");
        form.Schedules = [ScheduleNames.Alright];
        var even = new ExampleLengths([new ExampleLength(10, 10), new ExampleLength(5, 15)], [new ExampleLength(10, 10, 10)]);

        var text = Squash(Render(form, even, new TrainingSpeed(60, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5))).Find("#estimate").TextContent);

        Assert.Contains("Estimated training time ≈ 1m 09s", text);
        Assert.Contains("1,800 tokens at 60 tokens/s (30.0s), 12 evaluations at 2.0s (24.0s), 3 × 5.0s per run to set up (15.0s)", text);
    }

    [Fact]
    public void With_two_slots_alive_the_estimate_is_the_wall_time_and_says_what_one_at_a_time_would_take()
    {
        // As above with Mix beside ALRIGHT (Mix: 10 × 120 = 1,200 tokens, 20 + 8 + 5 = 33 s): one after another 102 s;
        // two at a time the optima take 19⅔ + 26⅓ = 46 s, then ALRIGHT (23 s) and Mix (33 s) side by side: 79 s.
        var form = Form();
        (form.SeedCount, form.Steps, form.EvalInterval, form.SftBatchSize, form.DpoBatchSize, form.Lambdas) = (1, 10, 4, 2, 2, "0.5");
        form.Schedules = [ScheduleNames.Alright, ScheduleNames.Mix];
        var even = new ExampleLengths([new ExampleLength(10, 10), new ExampleLength(5, 15)], [new ExampleLength(10, 10, 10)]);
        var queue = new QueueAhead(Running: 0, Queued: 0, TimeSpan.Zero, Unmeasured: 0) { Slots = 2 };

        var text = Squash(Render(form, even, new TrainingSpeed(60, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)), queue).Find("#estimate").TextContent);

        Assert.Contains("Estimated training time ≈ 1m 19s", text);
        Assert.Contains("2 runs train at once here", text);
        Assert.Contains("One run at a time it would take ≈ 1m 42s.", text);
    }

    [Fact]
    public void Without_a_measured_speed_it_says_the_first_run_will_measure_it()
    {
        var text = Render(Form(), Lengths).Find("#estimate").TextContent;

        Assert.Contains("No run of this model has finished here yet", text);
    }

    [Fact]
    public void It_shows_the_runs_ahead_and_when_this_one_should_start()
    {
        var text = Squash(Render(Form(), Lengths, queue: new QueueAhead(Running: 1, Queued: 3, TimeSpan.FromSeconds(90), Unmeasured: 0)).Find("#queue-ahead").TextContent);

        Assert.Contains("4 runs are ahead (1 running, 3 queued): expected start in ≈ 1m 30s.", text);
    }

    [Fact]
    public void Launch_is_disabled_while_a_field_is_invalid_and_says_which()
    {
        var form = Form();
        form.Steps = 0;

        var summary = Render(form, Lengths);

        Assert.True(summary.Find("#launch-experiment").HasAttribute("disabled"));
        Assert.Contains("Steps must be between 1 and 1,000,000.", summary.Find("#launch-problems").TextContent);
    }

    [Fact]
    public void Launch_is_enabled_when_every_field_is_valid()
    {
        var summary = Render(Form(), Lengths);

        Assert.False(summary.Find("#launch-experiment").HasAttribute("disabled"));
        Assert.Empty(summary.FindAll("#launch-problems"));
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
