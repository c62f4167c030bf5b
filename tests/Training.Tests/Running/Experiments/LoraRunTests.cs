using Forgetless.Training.Lora;
using Forgetless.Training.Model;
using Forgetless.Training.Running;
using Forgetless.Training.Running.Experiments;
using Forgetless.Training.Running.Reference;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Running.Experiments;

public class LoraRunTests
{
    private static readonly LoraSpec Lora = new() { Rank = 4, Alpha = 16, Dropout = 0.05, TargetModules = ["q_proj", "v_proj", "up_proj"] };

    [Fact]
    public void A_lora_run_writes_a_merged_final_model_that_equals_the_base_plus_its_peft_adapters()
    {
        using var setup = new TinyExperiment(steps: 6);
        var spec = setup.Spec with { Lora = Lora };
        var runDirectory = Path.Combine(setup.Directory, "runs", "alright-0.5");
        var context = new RunContext(setup.Directory, runDirectory, new CollectingSink());

        var result = RunExecutor.Execute(spec, new RunSpec(RunSpec.Alright, 0.5), context);

        Assert.Equal(runDirectory, result.AdapterPath);
        Assert.True(File.Exists(Path.Combine(runDirectory, "adapter_config.json")));
        using var ids = tensor(setup.Data.SftHeldOut[0].InputIds.Select(i => (long)i).ToArray()).unsqueeze(0);
        using var merged = RunExecutor.CreateInitialModel(spec, setup.Data);
        merged.load_safetensors(result.FinalModelPath!); // strict: the final model has exactly the base keys
        using var adapted = RunExecutor.CreateInitialModel(spec, setup.Data);
        adapted.eval();
        merged.eval();
        using var baseLogits = adapted.forward(ids);
        using var peft = LoraAdapters.LoadPeft(adapted, runDirectory);
        using var unmergedLogits = adapted.forward(ids);
        using var mergedLogits = merged.forward(ids);
        Assert.True(mergedLogits.allclose(unmergedLogits, rtol: 1e-4, atol: 1e-5));
        Assert.False(mergedLogits.allclose(baseLogits, rtol: 1e-4, atol: 1e-4)); // training did move the adapters
    }

    [Fact]
    public void The_reference_under_lora_is_the_policy_with_its_adapters_switched_off()
    {
        using var setup = new TinyExperiment();
        var spec = setup.Spec with { Lora = Lora, Seed = 913 }; // a θ₀ no other test caches
        var data = ExperimentData.Prepare(spec, setup.Directory);
        using var baseModel = RunExecutor.CreateInitialModel(spec, data);
        using var policy = RunExecutor.CreateInitialModel(spec, data);
        using var lora = LoraAdapters.Attach(policy, spec.Lora!.ToConfig());
        using (no_grad())
            foreach (var parameter in lora.parameters()) parameter.add_(randn_like(parameter) * 0.05);
        var pairs = data.PreferenceTrain.Concat(data.PreferenceHeldOut).ToList();
        var context = new RunContext(setup.Directory, Path.Combine(setup.Directory, "runs", "dpo_only"), new CollectingSink());

        var reference = RunExecutor.ResolveReference(spec with { Reference = "initial" }, new RunSpec(RunSpec.DpoOnly), context, data, policy, lora);

        var (baseChosen, baseRejected) = PolicyObjectives.LogProbs(baseModel, pairs, data.Tokenizer.PadId);
        var (adaptedChosen, _) = PolicyObjectives.LogProbs(policy, pairs, data.Tokenizer.PadId);
        Assert.Equal(baseChosen, reference.Chosen);
        Assert.Equal(baseRejected, reference.Rejected);
        Assert.NotEqual(adaptedChosen, reference.Chosen);
        Assert.True(lora.Enabled);
        Assert.Equal(ReferenceCacheKey.HashWeights(baseModel), ReferenceCacheKey.HashWeights(policy));
    }
}
