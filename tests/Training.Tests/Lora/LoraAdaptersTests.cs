using Forgetless.Training.Checkpoints;
using Forgetless.Training.Lora;
using Forgetless.Training.Model;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Lora;

public class LoraAdaptersTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("forgetless-lora-").FullName;
    private readonly Tensor ids = tensor(new long[] { 1, 7, 30, 2, 99, 64 }).unsqueeze(0);

    public void Dispose()
    {
        ids.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static LlamaForCausalLM Base()
    {
        manual_seed(21);
        var model = new LlamaForCausalLM(LlamaPresets.Tiny(vocabSize: 101));
        model.eval();
        return model;
    }

    /// <summary>B starts at zero; give it values so the adapters change the output.</summary>
    private static void Perturb(LoraAdapters lora)
    {
        using var noGrad = no_grad();
        foreach (var parameter in lora.parameters()) parameter.add_(randn_like(parameter) * 0.05);
    }

    private static readonly LoraConfig Config = new() { Rank = 4, Alpha = 8, TargetModules = ["q_proj", "v_proj", "down_proj"] };

    [Fact]
    public void Adapters_attach_to_every_target_layer_and_a_fresh_adapter_changes_nothing()
    {
        using var model = Base();
        using var before = model.forward(ids);

        using var lora = LoraAdapters.Attach(model, Config);

        Assert.Equal(3 * 2, lora.Paths.Count); // 3 targets in each of 2 layers
        Assert.Contains("model.layers.1.mlp.down_proj", lora.Paths);
        Assert.True(model.forward(ids).allclose(before, rtol: 0, atol: 0));
    }

    [Fact]
    public void With_adapters_disabled_the_output_equals_the_base_model()
    {
        using var model = Base();
        using var baseLogits = model.forward(ids);
        using var lora = LoraAdapters.Attach(model, Config);
        Perturb(lora);

        using var adapted = model.forward(ids);
        Tensor reference;
        using (lora.Disabled()) reference = model.forward(ids);

        Assert.False(adapted.allclose(baseLogits, rtol: 1e-4, atol: 1e-4));
        Assert.True(reference.allclose(baseLogits, rtol: 0, atol: 0));
        Assert.True(lora.Enabled);
    }

    [Fact]
    public void Merged_and_unmerged_forward_passes_agree()
    {
        using var model = Base();
        using var lora = LoraAdapters.Attach(model, Config);
        Perturb(lora);
        using var unmerged = model.forward(ids);

        lora.MergeAndUnload();
        using var merged = model.forward(ids);

        Assert.True(merged.allclose(unmerged, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Only_adapter_parameters_require_and_receive_gradients()
    {
        using var model = Base();
        using var lora = LoraAdapters.Attach(model, Config);
        Perturb(lora);

        model.forward(ids).sum().backward();

        Assert.All(model.parameters(), p => Assert.False(p.requires_grad));
        Assert.All(model.parameters(), p => Assert.True(p.grad is null));
        Assert.Equal(12, lora.parameters().Count());
        Assert.All(lora.parameters(), p => Assert.True(p.requires_grad && p.grad is not null && p.grad.abs().sum().item<float>() > 0));
    }

    [Fact]
    public void An_adapter_saved_in_peft_layout_loads_back_onto_the_base_model()
    {
        using var model = Base();
        // Base() draws from the global generator, which tests running beside this one draw from too: copy the weights.
        var baseWeights = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        using var lora = LoraAdapters.Attach(model, Config);
        Perturb(lora);
        using var adapted = model.forward(ids);
        lora.SavePeft(folder, "stories260K");

        using var fresh = Base();
        fresh.load_state_dict(baseWeights);
        foreach (var weight in baseWeights.Values) weight.Dispose();
        using var reloaded = LoraAdapters.LoadPeft(fresh, folder);

        var keys = SafetensorsHeader.Read(Path.Combine(folder, "adapter_model.safetensors"));
        Assert.Equal([4, 64], keys["base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"].Shape);
        Assert.Equal([32, 4], keys["base_model.model.model.layers.0.self_attn.v_proj.lora_B.weight"].Shape);
        Assert.Contains("\"peft_type\": \"LORA\"", File.ReadAllText(Path.Combine(folder, "adapter_config.json")));
        Assert.True(fresh.forward(ids).allclose(adapted, rtol: 0, atol: 0));
    }
}
