using System.Text.Json;
using System.Text.Json.Serialization;

namespace Forgetless.Training.Model;

/// <summary>
/// A Llama model's shape, with Hugging Face's <c>config.json</c> names so that a checkpoint folder's config
/// reads and writes unchanged. Defaults are those of <c>transformers.LlamaConfig</c> where it has one.
/// </summary>
public sealed record LlamaConfig
{
    [JsonPropertyName("vocab_size")] public required int VocabSize { get; init; }

    [JsonPropertyName("hidden_size")] public required int HiddenSize { get; init; }

    [JsonPropertyName("intermediate_size")] public required int IntermediateSize { get; init; }

    [JsonPropertyName("num_hidden_layers")] public required int NumHiddenLayers { get; init; }

    [JsonPropertyName("num_attention_heads")] public required int NumAttentionHeads { get; init; }

    /// <summary>Fewer than the attention heads means grouped-query attention; HF's default is "same as heads".</summary>
    [JsonPropertyName("num_key_value_heads")] public int? NumKeyValueHeads { get; init; }

    [JsonPropertyName("max_position_embeddings")] public int MaxPositionEmbeddings { get; init; } = 2048;

    [JsonPropertyName("rms_norm_eps")] public double RmsNormEps { get; init; } = 1e-6;

    [JsonPropertyName("rope_theta")] public double RopeTheta { get; init; } = 10000.0;

    [JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; init; }

    [JsonPropertyName("initializer_range")] public double InitializerRange { get; init; } = 0.02;

    [JsonPropertyName("bos_token_id")] public int? BosTokenId { get; init; }

    [JsonPropertyName("eos_token_id")] public int? EosTokenId { get; init; }

    [JsonPropertyName("pad_token_id")] public int? PadTokenId { get; init; }

    // Written so that transformers recognises the folder; fixed for this architecture.
    [JsonPropertyName("model_type")] public string ModelType => "llama";

    [JsonPropertyName("architectures")] public IReadOnlyList<string> Architectures => ["LlamaForCausalLM"];

    [JsonPropertyName("hidden_act")] public string HiddenAct => "silu";

    /// <summary>Biases on q/k/v projections (Qwen2's only difference from Llama); not a Llama config.json field.</summary>
    [JsonIgnore] public bool QueryKeyValueBias { get; init; }

    [JsonIgnore] public int KeyValueHeads => NumKeyValueHeads ?? NumAttentionHeads;

    [JsonIgnore] public int HeadDim => HiddenSize / NumAttentionHeads;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the offending field; returns this otherwise.</summary>
    public LlamaConfig Validate()
    {
        Require(VocabSize > 0, "vocab_size", "must be positive");
        Require(HiddenSize > 0, "hidden_size", "must be positive");
        Require(IntermediateSize > 0, "intermediate_size", "must be positive");
        Require(NumHiddenLayers > 0, "num_hidden_layers", "must be positive");
        Require(NumAttentionHeads > 0, "num_attention_heads", "must be positive");
        Require(HiddenSize % NumAttentionHeads == 0, "hidden_size", $"{HiddenSize} must be divisible by num_attention_heads {NumAttentionHeads}");
        Require(HeadDim % 2 == 0, "hidden_size", $"head dimension {HeadDim} must be even for rotary embeddings");
        Require(KeyValueHeads > 0 && NumAttentionHeads % KeyValueHeads == 0, "num_key_value_heads",
            $"num_attention_heads {NumAttentionHeads} must be divisible by num_key_value_heads {KeyValueHeads}");
        Require(MaxPositionEmbeddings > 0, "max_position_embeddings", "must be positive");
        Require(RmsNormEps > 0, "rms_norm_eps", "must be positive");
        Require(RopeTheta > 0, "rope_theta", "must be positive");
        return this;
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static LlamaConfig FromJson(string json) =>
        (JsonSerializer.Deserialize<LlamaConfig>(json) ?? throw new FormatException("config.json is empty.")).Validate();

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private static void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Invalid Llama config: {field} {message}.", field);
        }
    }
}
