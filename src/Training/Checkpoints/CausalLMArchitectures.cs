using System.Text.Json.Nodes;
using Forgetless.Training.Model;

namespace Forgetless.Training.Checkpoints;

/// <summary>The architectures Forgetless loads and saves, by their config.json "architectures" name.</summary>
public static class CausalLMArchitectures
{
    public static CausalLMArchitecture Llama { get; } = new()
    {
        Name = "LlamaForCausalLM",
        // Llama 3's 128k vocabulary has the header tokens of its template; smaller Llamas get the plain instruction format.
        DefaultTemplate = model => ((LlamaForCausalLM)model).Config.VocabSize >= 128000 ? "llama3" : "alpaca",
        Create = json => new LlamaForCausalLM(ReadLlamaConfig(json, "LlamaForCausalLM")),
        ConfigJson = model => ((LlamaForCausalLM)model).Config.ToJson(),
        OptionalKey = key => key == "lm_head.weight",
    };

    /// <summary>Qwen2 is Llama with q/k/v biases (transformers' Qwen2Attention) and ChatML.</summary>
    public static CausalLMArchitecture Qwen2 { get; } = new()
    {
        Name = "Qwen2ForCausalLM",
        DefaultTemplate = _ => "chatml",
        Create = json => new LlamaForCausalLM(ReadLlamaConfig(json, "Qwen2ForCausalLM") with { QueryKeyValueBias = true }),
        ConfigJson = model => WithArchitecture(((LlamaForCausalLM)model).Config.ToJson(), "Qwen2ForCausalLM", "qwen2"),
        OptionalKey = key => key == "lm_head.weight",
    };

    public static CausalLMArchitecture GptNeoX { get; } = new()
    {
        Name = "GPTNeoXForCausalLM",
        DefaultTemplate = _ => "alpaca",
        Create = json => new GptNeoXForCausalLM(GptNeoXConfig.FromJson(json)),
        ConfigJson = model => ((GptNeoXForCausalLM)model).Config.ToJson(),
        IgnorableKey = key => key.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal)
            || key.EndsWith("attention.bias", StringComparison.Ordinal) || key.EndsWith("attention.masked_bias", StringComparison.Ordinal),
    };

    public static CausalLMArchitecture Gpt2 { get; } = new()
    {
        Name = "GPT2LMHeadModel",
        DefaultTemplate = _ => "alpaca",
        Create = json => new Gpt2LMHeadModel(Gpt2Config.FromJson(json)),
        ConfigJson = model => ((Gpt2LMHeadModel)model).Config.ToJson(),
        OptionalKey = key => key == "lm_head.weight",
        IgnorableKey = key => key is "lm_head.weight" || key.EndsWith(".attn.bias", StringComparison.Ordinal) || key.EndsWith(".attn.masked_bias", StringComparison.Ordinal),
        BasePrefix = "transformer.",
    };

    public static IReadOnlyList<CausalLMArchitecture> All { get; } = [Llama, Qwen2, GptNeoX, Gpt2];

    public static CausalLMArchitecture FromConfig(string configJson, string source)
    {
        var node = JsonNode.Parse(configJson) ?? throw new InvalidDataException($"{source}: empty config.");
        var name = (node["architectures"] as JsonArray)?.FirstOrDefault()?.GetValue<string>()
            ?? throw new InvalidDataException($"{source}: no \"architectures\" list; cannot tell which model this is.");
        var architecture = All.FirstOrDefault(a => a.Name == name)
            ?? throw new NotSupportedException($"{source}: architecture '{name}' is not supported; supported: {string.Join(", ", All.Select(a => a.Name))}.");
        return architecture with { Create = json => architecture.Create(ConfigAliases.Normalize(json, source)) };
    }

    /// <summary>LlamaConfig plus a refusal of options the implementation does not have, so no model silently differs.</summary>
    private static LlamaConfig ReadLlamaConfig(string json, string architecture)
    {
        var node = JsonNode.Parse(json)!;
        RequireAbsentOrFalse(node, "attention_bias");
        RequireAbsentOrFalse(node, "mlp_bias");
        RequireAbsentOrFalse(node, "use_sliding_window");
        if (node["rope_scaling"] is JsonObject scaling)
            throw new NotSupportedException($"config.json: rope_scaling {scaling.ToJsonString()} is not supported.");
        if (node["hidden_act"] is { } act && (string?)act != "silu")
            throw new NotSupportedException($"config.json: hidden_act '{act}' is not supported (only silu).");
        // eos_token_id may be a list (Llama 3); LlamaConfig keeps one id, the first.
        if (node["eos_token_id"] is JsonArray eosList) node["eos_token_id"] = eosList.FirstOrDefault()?.DeepClone();
        // transformers' Qwen2Config defaults differ from Llama's; apply them when the file omits the field.
        if (architecture == "Qwen2ForCausalLM")
        {
            node["rope_theta"] ??= 10000.0;
            node["rms_norm_eps"] ??= 1e-6;
            node["max_position_embeddings"] ??= 32768;
        }
        var config = LlamaConfig.FromJson(node.ToJsonString());
        if (node["head_dim"] is { } headDim && (int)headDim != config.HeadDim)
            throw new NotSupportedException($"config.json: head_dim {headDim} differs from hidden_size / num_attention_heads = {config.HeadDim}.");
        return config;
    }

    private static string WithArchitecture(string json, string architecture, string modelType)
    {
        var node = JsonNode.Parse(json)!;
        node["architectures"] = new JsonArray(architecture);
        node["model_type"] = modelType;
        return node.ToJsonString(new() { WriteIndented = true });
    }

    private static void RequireAbsentOrFalse(JsonNode node, string field)
    {
        if (node[field] is { } value && value.GetValue<bool>())
            throw new NotSupportedException($"config.json: {field} = true is not supported for this architecture.");
    }
}
