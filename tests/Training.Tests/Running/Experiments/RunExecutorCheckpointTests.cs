using Forgetless.Training.Running.Checkpoints;
using Forgetless.Training.Running.Experiments;

namespace Forgetless.Training.Tests.Running.Experiments;

public class RunExecutorCheckpointTests
{
    [Fact]
    public void A_run_shorter_than_the_checkpoint_interval_still_ends_with_a_checkpoint_of_its_last_step_and_its_config()
    {
        using var setup = new TinyExperiment(steps: 3);
        var spec = setup.Spec with { CheckpointInterval = 50 };
        var runDirectory = Path.Combine(setup.Directory, "runs", "alright");
        var context = new RunContext(setup.Directory, runDirectory, new CollectingSink(), Resume: false);

        var result = RunExecutor.Execute(spec, new RunSpec(RunSpec.Alright, 0.5, 1, null), context);

        var latest = new CheckpointStore(Path.Combine(runDirectory, "checkpoints")).Latest();
        Assert.Equal(3, result.Steps);
        Assert.EndsWith("step-000003", latest);
        Assert.True(File.Exists(Path.Combine(latest!, "model.safetensors")));
        Assert.Contains("\"vocab_size\"", File.ReadAllText(Path.Combine(latest!, "config.json")));
    }

    [Fact]
    public void Every_periodic_checkpoint_is_a_model_folder_with_its_config_and_tokenizer()
    {
        using var setup = new TinyExperiment(steps: 6);
        var spec = setup.Spec with { CheckpointInterval = 2 };
        var runDirectory = Path.Combine(setup.Directory, "runs", "sft");
        var context = new RunContext(setup.Directory, runDirectory, new CollectingSink(), Resume: false);

        RunExecutor.Execute(spec, new RunSpec(RunSpec.SftOnly), context);

        // The store keeps the newest two: step 4 was only ever a periodic checkpoint.
        var folders = Directory.GetDirectories(Path.Combine(runDirectory, "checkpoints")).Order().ToList();
        Assert.EndsWith("step-000004", folders[0]);
        foreach (var name in new[] { "model.safetensors", "config.json", "generation_config.json", "tokenizer.json" })
        {
            Assert.True(File.Exists(Path.Combine(folders[0], name)), $"{name} missing from {folders[0]}");
        }
    }
}
