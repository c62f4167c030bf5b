using Forgetless.Training.Checkpoints;
using Forgetless.Training.Generation;
using Forgetless.Training.Model;
using Forgetless.Training.Tests.Tokenization;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Model;

public class ArchitectureTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("forgetless-arch-").FullName;
    private readonly Tensor ids = tensor(new long[] { 1, 17, 250, 3, 99, 42, 7, 0 }).unsqueeze(0);

    public void Dispose()
    {
        ids.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [MemberData(nameof(ArchitectureTestModels.All), MemberType = typeof(ArchitectureTestModels))]
    public void Every_architecture_saves_and_loads_back_with_identical_logits(string name)
    {
        var configJson = ArchitectureTestModels.ConfigFor(name);
        using var model = ArchitectureTestModels.Create(configJson, seed: 3);
        var architecture = CausalLMArchitectures.FromConfig(configJson, name);
        HuggingFaceCheckpoint.SaveModel(model, architecture, folder);
        TinyTokenizerJson.Write(folder);

        using var loaded = HuggingFaceCheckpoint.Load(folder);

        Assert.Equal(architecture.Name, loaded.Architecture.Name);
        Assert.True(loaded.Model.forward(ids).allclose(model.forward(ids), rtol: 0, atol: 0));
    }

    [Theory]
    [MemberData(nameof(ArchitectureTestModels.All), MemberType = typeof(ArchitectureTestModels))]
    public void Every_architecture_decodes_the_same_tokens_with_and_without_the_cache(string name)
    {
        using var model = ArchitectureTestModels.Create(ArchitectureTestModels.ConfigFor(name), seed: 4);
        var causal = (ICausalLanguageModel)model;

        var cached = TextGenerator.Generate(causal, [5, 6, 7], GenerationOptions.Greedy(20));
        var uncached = TextGenerator.Generate(causal, [5, 6, 7], GenerationOptions.Greedy(20) with { UseKeyValueCache = false });

        Assert.Equal(20, cached.Count);
        Assert.Equal(uncached, cached);
    }

    [Fact]
    public void Qwen2_with_zero_biases_equals_llama_on_the_same_weights_and_biases_matter()
    {
        using var llama = ArchitectureTestModels.Create(ArchitectureTestModels.Llama, seed: 5);
        using var qwen = ArchitectureTestModels.Create(ArchitectureTestModels.Qwen2, seed: 6);
        var qwenState = qwen.state_dict();
        using (no_grad())
        {
            foreach (var (key, value) in llama.state_dict()) qwenState[key].copy_(value);
            foreach (var (key, value) in qwenState.Where(p => p.Key.EndsWith(".bias", StringComparison.Ordinal))) value.zero_();
        }
        Assert.Equal(2 * 3, qwenState.Keys.Count(k => k.EndsWith("_proj.bias", StringComparison.Ordinal)));

        Assert.True(qwen.forward(ids).allclose(llama.forward(ids), rtol: 0, atol: 0));
        using (no_grad()) qwenState["model.layers.0.self_attn.k_proj.bias"].fill_(0.5);
        Assert.False(qwen.forward(ids).allclose(llama.forward(ids), rtol: 1e-3, atol: 1e-3));
    }

    [Fact]
    public void GptNeoX_parallel_and_sequential_residuals_agree_only_when_the_mlp_is_silent()
    {
        using var parallel = ArchitectureTestModels.Create(ArchitectureTestModels.GptNeoX(parallel: true), seed: 7);
        using var sequential = ArchitectureTestModels.Create(ArchitectureTestModels.GptNeoX(parallel: false), seed: 8);
        var sequentialState = sequential.state_dict();
        using (no_grad()) foreach (var (key, value) in parallel.state_dict()) sequentialState[key].copy_(value);

        Assert.False(parallel.forward(ids).allclose(sequential.forward(ids), rtol: 1e-3, atol: 1e-3));
        using (no_grad())
            foreach (var model in new[] { parallel, sequential })
                foreach (var (key, value) in model.state_dict().Where(p => p.Key.Contains("dense_4h_to_h"))) value.zero_();
        Assert.True(parallel.forward(ids).allclose(sequential.forward(ids), rtol: 1e-6, atol: 1e-6));
    }

    [Fact]
    public void GptNeoX_rotary_pct_changes_logits_only_after_position_zero()
    {
        // Rotation is the identity at position 0, so how many dimensions rotate shows only at later positions.
        using var partial = ArchitectureTestModels.Create(ArchitectureTestModels.GptNeoX(rotaryPct: 0.25), seed: 9);
        using var full = ArchitectureTestModels.Create(ArchitectureTestModels.GptNeoX(rotaryPct: 1.0), seed: 10);
        var fullState = full.state_dict();
        using (no_grad()) foreach (var (key, value) in partial.state_dict()) fullState[key].copy_(value);

        using var first = ids.narrow(1, 0, 1);
        Assert.True(partial.forward(first).allclose(full.forward(first), rtol: 1e-6, atol: 1e-6));
        Assert.False(partial.forward(ids).allclose(full.forward(ids), rtol: 1e-3, atol: 1e-3));
    }

    [Fact]
    public void Gpt2_conv1d_stores_its_weight_transposed_like_the_checkpoint()
    {
        using var model = ArchitectureTestModels.Create(ArchitectureTestModels.Gpt2, seed: 11);
        var state = model.state_dict();

        Assert.Equal([32, 96], state["transformer.h.0.attn.c_attn.weight"].shape);
        Assert.Equal([32, 128], state["transformer.h.0.mlp.c_fc.weight"].shape);
        Assert.Equal([64, 32], state["transformer.wpe.weight"].shape);
        Assert.DoesNotContain("lm_head.weight", state.Keys);
        using var x = randn(3, 32);
        using var conv = new Conv1D(32, 96);
        var convState = conv.state_dict();
        using (no_grad()) { convState["weight"].copy_(state["transformer.h.0.attn.c_attn.weight"]); convState["bias"].zero_(); }
        Assert.True(conv.forward(x).allclose(nn.functional.linear(x, state["transformer.h.0.attn.c_attn.weight"].t()), rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void Gpt2_checkpoints_without_the_transformer_prefix_and_with_mask_buffers_load()
    {
        using var model = ArchitectureTestModels.Create(ArchitectureTestModels.Gpt2, seed: 12);
        var state = model.state_dict().ToDictionary(p => p.Key["transformer.".Length..], p => p.Value);
        state["h.0.attn.bias"] = ones(1, 1, 64, 64).tril();
        TorchSharp.PyBridge.Safetensors.SaveStateDict(Path.Combine(folder, "model.safetensors"), state);
        using var copy = ArchitectureTestModels.Create(ArchitectureTestModels.Gpt2, seed: 13);

        CheckpointWeights.Load(copy, folder, CausalLMArchitectures.Gpt2.OptionalKey, CausalLMArchitectures.Gpt2.IgnorableKey, CausalLMArchitectures.Gpt2.BasePrefix);

        Assert.True(copy.forward(ids).allclose(model.forward(ids), rtol: 0, atol: 0));
    }
}
