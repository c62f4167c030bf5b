using Forgetless.Training.Lora;
using Forgetless.Training.Running;
using Forgetless.Training.Running.Checkpoints;
using Forgetless.Training.Schedules;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Running;

public class LoraTrainingTests
{
    private static readonly LoraConfig Config = new() { Rank = 4, Alpha = 8, Dropout = 0.1, TargetModules = ["q_proj", "v_proj", "down_proj"] };

    [Fact]
    public void Only_the_adapters_change_during_lora_training_and_the_base_weights_stay_bit_identical()
    {
        using var setup = new TinyExperiment();
        using var model = setup.Model(1);
        var before = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
        using var lora = LoraAdapters.Attach(model, Config);
        var adaptersBefore = lora.parameters().Select(p => p.detach().clone()).ToList();
        var sink = new CollectingSink();
        using var trainer = new Trainer(model, setup.TrainingData(), new AlrightSchedule(0.5, 3), setup.Options(6) with { WeightDecay = 0.1 },
            sink, lora: lora);

        trainer.Run();

        Assert.All(model.state_dict(), p => Assert.True(p.Value.equal(before[p.Key]).all().item<bool>(), $"{p.Key} changed"));
        Assert.All(lora.parameters().Zip(adaptersBefore), pair => Assert.False(pair.First.equal(pair.Second).all().item<bool>()));
        Assert.NotEqual(sink.Values(MetricNames.EvalSftLoss)[0], sink.Values(MetricNames.EvalSftLoss)[^1]);
    }

    [Fact]
    public void A_lora_trainer_refuses_a_base_model_that_still_requires_gradients()
    {
        using var setup = new TinyExperiment();
        using var model = setup.Model(1);
        using var lora = LoraAdapters.Attach(model, Config);
        model.parameters().First().requires_grad = true;

        var error = Assert.Throws<InvalidOperationException>(() =>
            new Trainer(model, setup.TrainingData(), new AlrightSchedule(0.5, 3), setup.Options(2), new CollectingSink(), lora: lora));

        Assert.Contains("model.embed_tokens.weight", error.Message);
    }

    [Theory]
    [InlineData("alright")]
    [InlineData("maxright")]
    public void Resuming_a_lora_run_from_a_checkpoint_gives_the_same_later_losses(string kind)
    {
        ISchedule Schedule() => kind == "alright" ? new AlrightSchedule(0.5, 4) : TinyExperiment.Maxright();
        using var setup = new TinyExperiment();
        var data = setup.TrainingData();
        var store = new CheckpointStore(Path.Combine(setup.Directory, "checkpoints"));
        var uninterrupted = new CollectingSink();
        using (var model = setup.Model(1))
        using (var lora = LoraAdapters.Attach(model, Config))
        using (var trainer = new Trainer(model, data, Schedule(), setup.Options(8, checkpointInterval: 4), uninterrupted, checkpoints: store, lora: lora))
        {
            trainer.Run();
        }

        var checkpoint = store.Latest()!;
        Assert.True(File.Exists(Path.Combine(checkpoint, "adapter_model.safetensors")));
        Assert.False(File.Exists(Path.Combine(checkpoint, Trainer.ModelFileName))); // the base is θ₀, rebuilt, not saved
        var resumed = new CollectingSink();
        manual_seed(999); // fresh adapters start elsewhere: only the checkpoint can make the runs agree
        using (var model = setup.Model(1))
        using (var lora = LoraAdapters.Attach(model, Config))
        using (var trainer = new Trainer(model, data, Schedule(), setup.Options(8, checkpointInterval: 4), resumed, checkpoints: store, lora: lora))
        {
            trainer.RestoreCheckpoint(checkpoint);
            Assert.Equal(4, trainer.Step);
            trainer.Run();
        }

        Assert.Equal(uninterrupted.Values(MetricNames.Loss)[4..], resumed.Values(MetricNames.Loss));
        Assert.Equal(uninterrupted.Values(MetricNames.Objective)[4..], resumed.Values(MetricNames.Objective));
        Assert.Equal(uninterrupted.Values(MetricNames.EvalSftLoss)[^1], resumed.Values(MetricNames.EvalSftLoss)[^1]);
    }
}
