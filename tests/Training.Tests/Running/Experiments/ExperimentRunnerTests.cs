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
