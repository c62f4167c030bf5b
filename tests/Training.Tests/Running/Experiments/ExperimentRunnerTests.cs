using Forgetless.Training.Running.Experiments;

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
        Assert.Equal(result.Runs[0].Final.SftLoss, roundTrip.Ideal.Sft);
        Assert.Equal(result.Runs[1].Final.DpoLoss, roundTrip.Ideal.Dpo);
        Assert.Equal(Math.Log(2), roundTrip.Runs[0].Final.DpoLoss, 12);
        Assert.All(roundTrip.Runs, run =>
        {
            Assert.Equal(6, run.Steps);
            Assert.True(double.IsFinite(run.Final.IdealDistance!.Value), run.Id);
            Assert.True(double.IsFinite(run.ForgettingSft), run.Id);
            Assert.Equal([0L, 3L, 6L], run.Curve.Select(p => p.Step));
            Assert.True(run.WallSeconds > 0 && run.PeakRssMb > 0 && run.TokensPerSecond > 0, run.Id);
        });
        Assert.Equal(0.5, roundTrip.Runs[2].DpoStepShare);
        Assert.Equal(1.0, roundTrip.Runs[5].DpoStepShare);
        Assert.Contains("\"forgetting_sft\"", result.ToJson());
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
        // Each seed's ideal point comes from its own optimum runs (its own θ₀ and held-out split).
        Assert.Equal(result.Seeds[1].Runs[0].Final.SftLoss, result.Seeds[1].Ideal.Sft);
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
