using Forgetless.Training.Batches;
using Forgetless.Training.Running;
using Forgetless.Training.Running.Experiments;
using Forgetless.Training.Schedules;

namespace Forgetless.Training.Tests.Running.Experiments;

public class ExperimentRunnerTests
{
    [Fact]
    public void A_short_demo_experiment_writes_every_run_with_finite_ideal_distances()
    {
        using var setup = new TinyExperiment(examples: 40, steps: 6);
        var spec = setup.Spec with
        {
            Reference = "sft_optimum",
            EvalInterval = 3,
            Schedules =
            [
                new ScheduleSpec { Kind = RunSpec.SequentialSftDpo, Lambdas = [0.5] },
                new ScheduleSpec { Kind = RunSpec.Alright, Lambdas = [0.5] },
                new ScheduleSpec { Kind = RunSpec.Maxright, Lambdas = [0.5], K = 2 },
                new ScheduleSpec { Kind = RunSpec.Mix, Lambdas = [0.5] },
            ],
        };
        var log = new StringWriter();

        var result = ExperimentRunner.Run(spec, setup.Directory, log);
        var roundTrip = ExperimentResult.Parse(result.ToJson());

        Assert.Equal(["sft_only", "dpo_only", "sequential_sft_dpo", "alright", "maxright", "mix"], roundTrip.Runs.Select(r => r.Schedule));
        // The reporting ideal point: the lowest held-out value of each objective at any run's any evaluation.
        var points = roundTrip.Runs.SelectMany(r => r.Curve).ToList();
        Assert.Equal(points.Min(p => p.SftLoss), roundTrip.Ideal.Sft);
        Assert.Equal(points.Where(p => !double.IsNaN(p.DpoLoss)).Min(p => p.DpoLoss), roundTrip.Ideal.Dpo);
        Assert.Equal(roundTrip.Ideal, roundTrip.IdealSources!.Point);
        // MAXRIGHT's f*: the optimum runs' smoothed training losses.
        Assert.Equal(new IdealPoint(roundTrip.Runs[0].TrainingLosses.Sft!.Value, roundTrip.Runs[1].TrainingLosses.Dpo!.Value), roundTrip.ScheduleIdeal);
        // The SFT-only run is its own reference: f_DPO is unmeasured while it trains and exactly ln 2 at its end.
        Assert.Equal(Math.Log(2), roundTrip.Runs[0].Final.DpoLoss, 12);
        Assert.All(roundTrip.Runs[0].Curve.SkipLast(1), p => Assert.True(double.IsNaN(p.DpoLoss)));
        Assert.All(roundTrip.Runs, run =>
        {
            Assert.Equal(6, run.Steps);
            Assert.True(run.Final.IdealDistance >= 0, run.Id);
            // Unmeasured f_DPO (the SFT-only run before its own reference exists) has no distance; every other is ≥ 0.
            Assert.All(run.Curve, p => Assert.True(double.IsNaN(p.DpoLoss) ? double.IsNaN(p.IdealDistance!.Value) : p.IdealDistance >= 0, run.Id));
            Assert.True(double.IsFinite(run.ForgettingSft), run.Id);
            Assert.Equal([0L, 3L, 6L], run.Curve.Select(p => p.Step));
            Assert.True(run.WallSeconds > 0 && run.PeakRssMb > 0 && run.TokensPerSecond > 0, run.Id);
        });
        Assert.Equal(0.5, roundTrip.Runs[2].DpoStepShare);
        Assert.Equal(1.0, roundTrip.Runs[5].DpoStepShare);
        Assert.Contains("\"forgetting_sft\"", result.ToJson());
        Assert.Contains("\"forgetting_dpo\"", result.ToJson());
        Assert.All(roundTrip.Runs.Skip(1), run => Assert.True(double.IsFinite(run.ForgettingDpo), run.Id));
        Assert.Contains("best held-out f_SFT", ResultTable.Format(roundTrip));
        Assert.Contains("[alright-0.5] step     6", log.ToString());
    }

    [Fact]
    public void The_interpolation_baseline_starts_at_the_sft_only_model_ends_at_the_sequential_model_and_differs_between()
    {
        using var setup = new TinyExperiment(examples: 40, steps: 6);
        var spec = setup.Spec with
        {
            Reference = "sft_optimum",
            EvalInterval = 3,
            Schedules = [new ScheduleSpec { Kind = RunSpec.SequentialSftDpo, Lambdas = [0.5] }],
        };

        var result = ExperimentResult.Parse(ExperimentRunner.Run(spec, setup.Directory, TextWriter.Null).ToJson());

        Assert.Equal(new[] { 0, 0.25, 0.5, 0.75, 1 }, result.Interpolation.Select(p => p.Alpha));
        var (sftOnly, sequential) = (result.Runs[0].Final, result.Runs[2].Final);
        var (start, middle, end) = (result.Interpolation[0], result.Interpolation[2], result.Interpolation[4]);
        // α = 0 is the SFT-only model bit for bit, evaluated as the trainer evaluates it; with the SFT optimum as
        // reference its f_DPO is ln 2 (policy = reference).
        Assert.Equal(sftOnly.SftLoss, start.SftLoss, 6);
        Assert.Equal(Math.Log(2), start.DpoLoss, 5);
        Assert.Equal(sequential.SftLoss, end.SftLoss, 6);
        Assert.Equal(sequential.DpoLoss, end.DpoLoss, 6);
        Assert.True(Math.Abs(middle.SftLoss - start.SftLoss) > 1e-4 && Math.Abs(middle.SftLoss - end.SftLoss) > 1e-4,
            $"α = 0.5 f_SFT {middle.SftLoss} vs {start.SftLoss} and {end.SftLoss}");
        Assert.True(Math.Abs(middle.DpoLoss - start.DpoLoss) > 1e-4 && Math.Abs(middle.DpoLoss - end.DpoLoss) > 1e-4,
            $"α = 0.5 f_DPO {middle.DpoLoss} vs {start.DpoLoss} and {end.DpoLoss}");
    }

    [Fact]
    public void Several_seeds_each_run_every_run_with_their_own_optima_and_the_table_shows_mean_and_std()
    {
        using var setup = new TinyExperiment(examples: 40, steps: 4);
        var spec = setup.Spec with { Reference = "initial", EvalInterval = 2, Seeds = [1, 2] };

        var result = MultiSeedResult.Parse(ExperimentRunner.RunSeeds(spec, setup.Directory, TextWriter.Null).ToJson());

        Assert.Equal(2, result.Seeds.Count);
        Assert.Equal([1, 1, 1], result.Seeds[0].Runs.Select(r => r.Seed));
        Assert.Equal([2, 2, 2], result.Seeds[1].Runs.Select(r => r.Seed));
        Assert.Equal(["sft_only", "dpo_only", "alright"], result.Seeds[1].Runs.Select(r => r.Schedule));
        // Each seed's ideal point comes from its own runs (its own θ₀ and held-out split): the best held-out values.
        foreach (var seed in result.Seeds)
        {
            Assert.Equal(seed.Runs.SelectMany(r => r.Curve).Min(p => p.SftLoss), seed.Ideal.Sft);
        }

        Assert.NotEqual(result.Seeds[0].Ideal.Sft, result.Seeds[1].Ideal.Sft);
        Assert.Empty(result.Seeds[0].Interpolation); // no Sequential run, no baseline
        var values = result.Seeds.Select(s => s.Runs[2].Final.SftLoss).ToList();
        var spread = new SeedSpread(values);
        Assert.Equal((values[0] + values[1]) / 2, spread.Mean, 12);
        Assert.Equal(Math.Abs(values[0] - values[1]) / Math.Sqrt(2), spread.Std, 12);
        Assert.Contains($"| alright | 0.5 | {spread.Format()} |", ResultTable.Format(result));
    }

    [Fact]
    public void The_seed_option_runs_that_one_seed_in_place_of_the_configs_seeds()
    {
        using var setup = new TinyExperiment(examples: 40, steps: 2);
        var config = Path.Combine(setup.Directory, "seeds.json");
        File.WriteAllText(config, (setup.Spec with { Seeds = [1, 2, 3], EvalInterval = 2 }).ToJson());
        var output = Path.Combine(setup.Directory, "results.json");

        var exitCode = ExperimentCommand.Run([config, "--out", output, "--work", Path.Combine(setup.Directory, "work"), "--seed", "7"], TextWriter.Null);

        Assert.Equal(0, exitCode);
        var result = MultiSeedResult.Parse(File.ReadAllText(output));
        Assert.Equal(7, result.Seeds.Single().Runs[0].Seed);
    }

    [Fact]
    public void The_pref_sft_reference_run_trains_on_the_chosen_responses_and_the_dpo_runs_use_its_final_weights()
    {
        using var setup = new TinyExperiment(examples: 40, steps: 6);
        var spec = setup.Spec with
        {
            Reference = ExperimentSpec.PrefSftReference,
            EvalInterval = 3,
            Schedules = [new ScheduleSpec { Kind = RunSpec.SequentialDpoSft, Lambdas = [0.5] }],
        };

        var result = ExperimentRunner.Run(spec, Path.Combine(setup.Directory, "pref"), TextWriter.Null);

        Assert.Equal(["pref_sft", "sft_only", "dpo_only", "sequential_dpo_sft"], result.Runs.Select(r => r.Schedule));
        var reference = result.Runs[0];
        // Its held-out f_SFT is measured on the chosen responses of the held-out preference pairs, worked out here
        // from the pairs themselves: θ₀'s SFT loss on them, which differs from θ₀'s loss on the SFT data.
        var data = ExperimentData.Prepare(spec, Path.Combine(setup.Directory, "pref"));
        var chosen = data.PreferenceHeldOut.Select(p => new TokenizedSft(p.ChosenIds, p.ResponseStart)).ToList();
        using (var initial = RunExecutor.CreateInitialModel(spec, data))
        {
            using var trainer = new Trainer(initial, setup.TrainingData() with { SftHeldOut = chosen }, new SingleObjectiveSchedule(Objective.Sft),
                setup.Options(0), new CollectingSink());
            var outcome = trainer.Run();
            Assert.Equal(outcome.Curve[0].SftLoss, reference.Curve[0].SftLoss, 5);
        }

        Assert.NotEqual(result.Runs[1].Curve[0].SftLoss, reference.Curve[0].SftLoss, 3);
        Assert.True(reference.Curve[^1].SftLoss < reference.Curve[0].SftLoss);
        // The reference run is no part of the comparison: no distance, and no f* from it.
        Assert.Null(reference.Final.IdealDistance);
        Assert.NotEqual("pref_sft", result.IdealSources!.Sft.Run);

        // The same DPO-only run with the reference given as the pref-SFT run's weights file gives the same curve;
        // with θ₀ as reference it does not.
        List<double> DpoOnlyCurve(string reference) => [.. ExperimentRunner.Run(spec with { Reference = reference, Schedules = [] },
            Path.Combine(setup.Directory, Guid.NewGuid().ToString("N")), TextWriter.Null).Runs.Single(r => r.Schedule == RunSpec.DpoOnly).Curve.Select(p => p.DpoLoss)];
        var dpoOnly = result.Runs[2].Curve.Select(p => p.DpoLoss).ToList();
        Assert.Equal(dpoOnly, DpoOnlyCurve(reference.FinalModelPath!));
        Assert.NotEqual(dpoOnly, DpoOnlyCurve(ExperimentSpec.InitialReference));
        // With a real reference from the start, the SFT-only run measures f_DPO at every evaluation.
        Assert.All(result.Runs[1].Curve, p => Assert.False(double.IsNaN(p.DpoLoss)));
    }

    [Fact]
    public void The_headless_command_rejects_a_bad_config_with_the_field_name()
    {
        using var setup = new TinyExperiment();
        var config = Path.Combine(setup.Directory, "bad.json");
        File.WriteAllText(config, """{ "sft_dataset": "demo:sft", "preference_dataset": "demo:preference", "beta": -1 }""");
        var log = new StringWriter();

        var exitCode = ExperimentCommand.Run([config, "--out", Path.Combine(setup.Directory, "r.json")], log);

        Assert.Equal(2, exitCode);
        Assert.Contains("'beta'", log.ToString());
    }
}
