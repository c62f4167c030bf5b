using System.Text.Json.Nodes;
using Forgetless.Training.Checkpoints;
using Forgetless.Training.Model;
using Forgetless.Training.Tests.Tokenization;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Checkpoints;

public class HuggingFaceCheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("forgetless-hf-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static LlamaForCausalLM Tiny(int seed, bool tied = true)
    {
        manual_seed(seed);
        return new LlamaForCausalLM(LlamaPresets.Tiny(vocabSize: 300) with { TieWordEmbeddings = tied, EosTokenId = 2, BosTokenId = 1 });
    }

    private void SaveWithTokenizer(LlamaForCausalLM model)
    {
        HuggingFaceCheckpoint.SaveModel(model, CausalLMArchitectures.Llama, folder);
        TinyTokenizerJson.Write(folder);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_saved_llama_loads_back_with_identical_logits(bool tied)
    {
        using var original = Tiny(1, tied);
        SaveWithTokenizer(original);

        using var loaded = HuggingFaceCheckpoint.Load(folder);
        using var ids = tensor(new long[] { 1, 5, 9, 200, 7 }).unsqueeze(0);

        Assert.Equal("alpaca", loaded.ChatTemplate); // a small-vocabulary Llama has no Llama 3 header tokens
        Assert.True(original.forward(ids).allclose(loaded.Model.forward(ids), rtol: 0, atol: 0));
        Assert.Equal(tied, !SafetensorsHeader.Read(Path.Combine(folder, "model.safetensors")).ContainsKey("lm_head.weight"));
    }

    [Fact]
    public void A_sharded_checkpoint_loads_through_its_index()
    {
        using var original = Tiny(2);
        var state = original.state_dict();
        var keys = state.Keys.ToList();
        var firstHalf = keys.Take(keys.Count / 2).ToList();
        Safetensors.SaveStateDict(Path.Combine(folder, "model-00001-of-00002.safetensors"), firstHalf.ToDictionary(k => k, k => state[k]));
        Safetensors.SaveStateDict(Path.Combine(folder, "model-00002-of-00002.safetensors"), keys.Skip(firstHalf.Count).ToDictionary(k => k, k => state[k]));
        var map = new JsonObject();
        foreach (var key in keys) map[key] = firstHalf.Contains(key) ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
        File.WriteAllText(Path.Combine(folder, "model.safetensors.index.json"), new JsonObject { ["weight_map"] = map }.ToJsonString());
        using var copy = Tiny(3);

        CheckpointWeights.Load(copy, folder);

        foreach (var key in keys) Assert.True(state[key].allclose(copy.state_dict()[key], rtol: 0, atol: 0), key);
    }

    [Fact]
    public void A_missing_and_a_mis_shaped_tensor_are_named_with_their_shapes_and_nothing_is_loaded()
    {
        using var source = Tiny(4);
        var state = source.state_dict();
        var broken = state.Where(p => p.Key != "model.norm.weight").ToDictionary(p => p.Key, p => p.Value);
        broken["model.layers.1.mlp.up_proj.weight"] = zeros(171, 64);
        Safetensors.SaveStateDict(Path.Combine(folder, "model.safetensors"), broken);
        using var target = Tiny(5);
        using var before = target.state_dict()["model.layers.0.self_attn.q_proj.weight"].clone();

        var error = Assert.Throws<InvalidDataException>(() => CheckpointWeights.Load(target, folder));

        Assert.Contains("missing tensor 'model.norm.weight' (expected shape [64])", error.Message);
        Assert.Contains("'model.layers.1.mlp.up_proj.weight' has shape [171, 64], expected [172, 64]", error.Message);
        Assert.True(before.allclose(target.state_dict()["model.layers.0.self_attn.q_proj.weight"], rtol: 0, atol: 0));
    }

    [Fact]
    public void An_unsupported_architecture_is_refused_by_name()
    {
        File.WriteAllText(Path.Combine(folder, "config.json"), """{"architectures": ["MambaForCausalLM"]}""");

        var error = Assert.Throws<NotSupportedException>(() => HuggingFaceCheckpoint.Load(folder));

        Assert.Contains("'MambaForCausalLM' is not supported", error.Message);
        Assert.Contains("LlamaForCausalLM", error.Message);
    }

    [Fact]
    public void A_llama_config_with_rope_scaling_is_refused_rather_than_silently_misread()
    {
        using var model = Tiny(6);
        SaveWithTokenizer(model);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!;
        config["rope_scaling"] = new JsonObject { ["rope_type"] = "llama3", ["factor"] = 8.0 };
        File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJsonString());

        var error = Assert.Throws<NotSupportedException>(() => HuggingFaceCheckpoint.Load(folder));
        Assert.Contains("rope_scaling", error.Message);
    }
}
