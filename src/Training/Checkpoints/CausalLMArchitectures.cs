using System.Text.Json.Nodes;
using Forgetless.Training.Model;

namespace Forgetless.Training.Checkpoints;

/// <summary>The architectures Forgetless loads and saves, by their config.json "architectures" name.</summary>
public static class CausalLMArchitectures
{
    public static CausalLMArchitecture Llama { get; } = new()
    {
        Name = "LlamaForCausalLM",
        DefaultTemplate = "llama3",
        Create = json => new LlamaForCausalLM(ReadLlamaConfig(json)),
        ConfigJson = model => ((LlamaForCausalLM)model).Config.ToJson(),
        OptionalKey = key => key == "lm_head.weight",
    };

    public static IReadOnlyList<CausalLMArchitecture> All { get; } = [Llama];

    public static CausalLMArchitecture FromConfig(string configJson, string source)
    {
        var node = JsonNode.Parse(configJson) ?? throw new InvalidDataException($"{source}: empty config.");
        var name = (node["architectures"] as JsonArray)?.FirstOrDefault()?.GetValue<string>()
            ?? throw new InvalidDataException($"{source}: no \"architectures\" list; cannot tell which model this is.");
        return All.FirstOrDefault(a => a.Name == name)
            ?? throw new NotSupportedException($"{source}: architecture '{name}' is not supported; supported: {string.Join(", ", All.Select(a => a.Name))}.");
    }

    /// <summary>LlamaConfig plus a refusal of options the implementation does not have, so no model silently differs.</summary>
    private static LlamaConfig ReadLlamaConfig(string json)
    {
        var node = JsonNode.Parse(json)!;
        RequireAbsentOrFalse(node, "attention_bias");
        RequireAbsentOrFalse(node, "mlp_bias");
        if (node["rope_scaling"] is JsonObject scaling)
            throw new NotSupportedException($"config.json: rope_scaling {scaling.ToJsonString()} is not supported.");
        if (node["hidden_act"] is { } act && (string?)act != "silu")
            throw new NotSupportedException($"config.json: hidden_act '{act}' is not supported (only silu).");
        // eos_token_id may be a list (Llama 3); LlamaConfig keeps one id, the first.
        if (node["eos_token_id"] is JsonArray eosList) node["eos_token_id"] = eosList.FirstOrDefault()?.DeepClone();
        var config = LlamaConfig.FromJson(node.ToJsonString());
        if (node["head_dim"] is { } headDim && (int)headDim != config.HeadDim)
            throw new NotSupportedException($"config.json: head_dim {headDim} differs from hidden_size / num_attention_heads = {config.HeadDim}.");
        return config;
    }

    private static void RequireAbsentOrFalse(JsonNode node, string field)
    {
        if (node[field] is { } value && value.GetValue<bool>())
            throw new NotSupportedException($"config.json: {field} = true is not supported for this architecture.");
    }
}
