using Forgetless.Training.Running;
using Forgetless.Training.Running.Checkpoints;
using Forgetless.Training.Schedules;

namespace Forgetless.Training.Tests.Running;

public class TrainerTests
{
    [Fact]
    public void Sft_only_training_overfits_one_batch()
    {
        using var setup = new TinyExperiment(examples: 8);
        var full = setup.TrainingData();
        var oneBatch = full with { SftTrain = full.SftTrain.Take(4).ToList(), SftHeldOut = full.SftTrain.Take(4).ToList() };
        using var model = setup.Model(1);
        var sink = new CollectingSink();
        using var trainer = new Trainer(model, oneBatch, new SingleObjectiveSchedule(Objective.Sft),
            setup.Options(150) with { EvalInterval = 150 }, sink);

        var outcome = trainer.Run();

        Assert.Equal(150, outcome.StepsDone);
        Assert.True(outcome.Curve[0].SftLoss > 3, $"initial loss {outcome.Curve[0].SftLoss}");
        Assert.True(outcome.Curve[^1].SftLoss < 0.1, $"final loss {outcome.Curve[^1].SftLoss}");
        Assert.All(sink.Values(MetricNames.Objective), o => Assert.Equal(0, o));
    }

    [Fact]
    public void Recomputing_activations_trains_to_the_same_losses_as_keeping_them()
    {
        using var setup = new TinyExperiment();
        var data = setup.TrainingData();

        List<double> Losses(bool recompute)
        {
            using var model = setup.Model(1);
            var sink = new CollectingSink();
            using var trainer = new Trainer(model, data, TinyExperiment.Maxright(), setup.Options(6) with { RecomputeActivations = recompute }, sink);
            trainer.Run();
            return [.. sink.Values(MetricNames.Loss), .. sink.Values(MetricNames.EvalSftLoss), .. sink.Values(MetricNames.EvalDpoLoss)];
        }

        var kept = Losses(recompute: false);
        var recomputed = Losses(recompute: true);

        Assert.Equal(6 + 2 * 3, kept.Count); // 6 steps; evaluations at steps 0, 5 and 6
        Assert.All(kept.Zip(recomputed), pair => Assert.Equal(pair.First, pair.Second, 5));
    }

    [Fact]
    public void Every_step_reports_the_architecture_metric_names()
    {
        using var setup = new TinyExperiment();
        using var model = setup.Model(1);
        var sink = new CollectingSink();
        using var trainer = new Trainer(model, setup.TrainingData(), new MixSchedule(0.5), setup.Options(2), sink, new IdealPoint(0.1, 0.2));

        trainer.Run();

        string[] perStep = [MetricNames.Objective, MetricNames.Loss, MetricNames.LearningRate, MetricNames.TokensPerSecond, MetricNames.NumTokens,
            MetricNames.SftLoss, MetricNames.DpoLoss, MetricNames.RewardsChosen, MetricNames.RewardsRejected, MetricNames.RewardsMargins,
            MetricNames.RewardsAccuracies, MetricNames.LogpsChosen, MetricNames.LogpsRejected, MetricNames.PaddingFraction];
        Assert.All(perStep, name => Assert.Equal(2, sink.Values(name).Count));
        Assert.All(sink.Values(MetricNames.PaddingFraction), fraction => Assert.InRange(fraction, 0.0, 0.999));
        string[] perEval = [MetricNames.EvalSftLoss, MetricNames.EvalDpoLoss, MetricNames.EvalRewardAccuracy, MetricNames.SftGap, MetricNames.DpoGap, MetricNames.IdealDistance];
        Assert.All(perEval, name => Assert.Equal(2, sink.Values(name).Count)); // step 0 and the end
        Assert.All(sink.Values(MetricNames.Objective), o => Assert.Equal(2, o));
        // Mix's loss is (1−λ)·L_SFT + λ·L_DPO.
        Assert.Equal(0.5 * sink.Values(MetricNames.SftLoss)[0] + 0.5 * sink.Values(MetricNames.DpoLoss)[0], sink.Values(MetricNames.Loss)[0], 6);
        // With the starting model as reference, the first DPO step's loss is ln 2.
        Assert.Equal(Math.Log(2), sink.Values(MetricNames.DpoLoss)[0], 4);
    }

    [Fact]
    public void The_evaluations_part_of_the_train_time_is_counted_apart()
    {
        using var setup = new TinyExperiment();
        using var model = setup.Model(1);
        using var trainer = new Trainer(model, setup.TrainingData(), new MixSchedule(0.5), setup.Options(4) with { EvalInterval = 2 }, new CollectingSink());

        var outcome = trainer.Run();

        // Evaluations before steps 0 and 2 and after step 4 took some of the time, the four steps the rest.
        Assert.True(outcome.EvalSeconds > 0 && outcome.EvalSeconds < outcome.TrainSeconds, $"{outcome.EvalSeconds} s of {outcome.TrainSeconds} s");
    }

    [Fact]
    public void Maxright_reports_the_gaps_it_chose_on_every_step_and_its_refresh_steps()
    {
        using var setup = new TinyExperiment();
        using var model = setup.Model(1);
        var sink = new CollectingSink();
        // k = 3: both gaps are re-evaluated before step 0, then at steps 3 and 6.
        using var trainer = new Trainer(model, setup.TrainingData(), new MaxrightSchedule(0.5, 3, IdealPoint.Origin), setup.Options(7), sink);

        trainer.Run();

        var sftGaps = sink.Values(MetricNames.MaxrightSftGap);
        var dpoGaps = sink.Values(MetricNames.MaxrightDpoGap);
        var objectives = sink.Values(MetricNames.Objective);
        Assert.Equal(7, sftGaps.Count);
        Assert.Equal(7, dpoGaps.Count);
        Assert.Equal(new long[] { 0, 3, 6 }, sink.Points.Where(p => p.Name == MetricNames.MaxrightRefresh).Select(p => p.Step));
        // Each step trained the objective with the larger reported gap (ties go to SFT).
        Assert.Equal(objectives, sftGaps.Zip(dpoGaps, (sft, dpo) => dpo > sft ? 1.0 : 0.0));
        // With f* = 0 and λ = 0.5, a gap is half the loss: both are positive.
        Assert.All(sftGaps.Concat(dpoGaps), gap => Assert.True(gap > 0, $"gap {gap}"));
    }

    [Fact]
    public void Same_seed_gives_bit_identical_losses()
    {
        using var setup = new TinyExperiment();
        var data = setup.TrainingData();

        List<double> Losses()
        {
            using var model = setup.Model(3);
            var sink = new CollectingSink();
            using var trainer = new Trainer(model, data, new AlrightSchedule(0.5, 9), setup.Options(8), sink);
            trainer.Run();
            return sink.Values(MetricNames.Loss);
        }

        Assert.Equal(Losses(), Losses());
    }

    [Theory]
    [InlineData("alright")]
    [InlineData("maxright")]
    [InlineData("sequential")]
    public void Resuming_from_a_checkpoint_gives_the_same_later_losses(string kind)
    {
        ISchedule Schedule() => kind switch
        {
            "alright" => new AlrightSchedule(0.5, 4),
            "maxright" => TinyExperiment.Maxright(),
            _ => new SequentialSchedule(Objective.Sft, 5),
        };
        using var setup = new TinyExperiment();
        var data = setup.TrainingData();
        var store = new CheckpointStore(Path.Combine(setup.Directory, "checkpoints"));
        var uninterrupted = new CollectingSink();
        TrainerOutcome whole, continued;
        using (var model = setup.Model(1))
        using (var trainer = new Trainer(model, data, Schedule(), setup.Options(8, checkpointInterval: 4), uninterrupted, checkpoints: store))
        {
            whole = trainer.Run();
        }

        var resumed = new CollectingSink();
        using (var model = setup.Model(77))
        using (var trainer = new Trainer(model, data, Schedule(), setup.Options(8, checkpointInterval: 4), resumed, checkpoints: store))
        {
            trainer.RestoreCheckpoint(store.Latest()!);
            Assert.Equal(4, trainer.Step);
            continued = trainer.Run();
        }

        // The smoothed training losses (MAXRIGHT's f* when this is an optimum run) survive the checkpoint too.
        Assert.Equal(whole.Smoothed, continued.Smoothed);
        Assert.NotNull(whole.Smoothed?.Sft);

        Assert.Equal(uninterrupted.Values(MetricNames.Loss)[4..], resumed.Values(MetricNames.Loss));
        Assert.Equal(uninterrupted.Values(MetricNames.Objective)[4..], resumed.Values(MetricNames.Objective));
        Assert.Equal(uninterrupted.Values(MetricNames.EvalSftLoss)[^1], resumed.Values(MetricNames.EvalSftLoss)[^1]);
    }

    [Fact]
    public void Cancellation_is_honoured_within_one_step()
    {
        using var setup = new TinyExperiment();
        using var cancellation = new CancellationTokenSource();
        var sink = new CollectingSink(points =>
        {
            if (points.Any(p => p.Name == MetricNames.Loss && p.Step == 2))
            {
                cancellation.Cancel();
            }
        });
        using var model = setup.Model(1);
        using var trainer = new Trainer(model, setup.TrainingData(), new AlrightSchedule(0.5, 1), setup.Options(50), sink);

        var outcome = trainer.Run(cancellation.Token);

        Assert.True(outcome.Cancelled);
        Assert.Equal(3, outcome.StepsDone);
        Assert.Equal(3, sink.Values(MetricNames.Loss).Count);
    }

    [Fact]
    public void Maxright_with_a_real_ideal_point_trains_both_objectives_and_switches_when_the_weighted_gaps_cross()
    {
        using var setup = new TinyExperiment();
        var data = setup.TrainingData();
        // The first SFT batch's loss, from the same sampler seed: f*_SFT one nat below it makes SFT's weighted gap 0.5
        // at first, while DPO's is 0.5·(ln 2 − 0.5) ≈ 0.097 (the reference is θ₀). SFT trains until its gap falls below.
        var probe = new CollectingSink();
        using (var model = setup.Model(1))
        using (var trainer = new Trainer(model, data, new SingleObjectiveSchedule(Objective.Sft), setup.Options(1), probe))
        {
            trainer.Run();
        }

        var schedule = new MaxrightSchedule(0.5, evaluationInterval: 1, new IdealPoint(probe.Values(MetricNames.SftLoss)[0] - 1.0, 0.5));
        var steps = new List<(double SftGap, double DpoGap, double Objective)>();
        var sink = new CollectingSink(points =>
        {
            if (points.FirstOrDefault(p => p.Name == MetricNames.Objective) is { } objective)
            {
                steps.Add((schedule.WeightedGaps.Sft, schedule.WeightedGaps.Dpo, objective.Value));
            }
        });
        using (var model = setup.Model(1))
        using (var trainer = new Trainer(model, data, schedule, setup.Options(40) with { EvalInterval = 40 }, sink))
        {
            trainer.Run();
        }

        Assert.Equal(40, steps.Count);
        Assert.Equal(0, steps[0].Objective);
        // Every step trains the objective whose weighted gap (on that step's batches) is larger; ties go to SFT.
        Assert.All(steps, s => Assert.Equal(s.DpoGap > s.SftGap ? 1 : 0, s.Objective));
        Assert.Contains(steps, s => s.Objective == 1);
        var switches = steps.Zip(steps.Skip(1)).Count(pair => pair.First.Objective != pair.Second.Objective);
        Assert.True(switches >= 2, $"{switches} switches: {string.Join(" ", steps.Select(s => s.Objective))}");
        Assert.Equal(40, schedule.Evaluations); // k = 1: both objectives evaluated at every step
    }

    [Fact]
    public void The_smoothed_training_losses_are_the_papers_moving_average_of_each_objectives_batch_losses()
    {
        using var setup = new TinyExperiment();
        var sink = new CollectingSink();
        using var model = setup.Model(1);
        using var trainer = new Trainer(model, setup.TrainingData(), new SequentialSchedule(Objective.Sft, 3), setup.Options(6), sink);

        var outcome = trainer.Run();

        // Worked from the reported batch losses: start at the first, then 0.9·average + 0.1·loss, per objective.
        static double Smooth(IReadOnlyList<double> losses) => losses.Skip(1).Aggregate(losses[0], (average, loss) => 0.9 * average + 0.1 * loss);
        Assert.Equal(3, sink.Values(MetricNames.SftLoss).Count);
        Assert.Equal(Smooth(sink.Values(MetricNames.SftLoss)), outcome.Smoothed!.Sft!.Value, 12);
        Assert.Equal(Smooth(sink.Values(MetricNames.DpoLoss)), outcome.Smoothed.Dpo!.Value, 12);
    }
}
