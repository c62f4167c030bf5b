using System.Text.Json;
using System.Text.Json.Serialization;

namespace Forgetless.Training.Model;

/// <summary>GPT-NeoX (Pythia) shape with transformers' GPTNeoXConfig names and defaults.</summary>
public sealed record GptNeoXConfig
{
    [JsonPropertyName("vocab_size")] public required int VocabSize { get; init; }
    [JsonPropertyName("hidden_size")] public required int HiddenSize { get; init; }
    [JsonPropertyName("num_hidden_layers")] public required int NumHiddenLayers { get; init; }
    [JsonPropertyName("num_attention_heads")] public required int NumAttentionHeads { get; init; }
    [JsonPropertyName("intermediate_size")] public required int IntermediateSize { get; init; }

    /// <summary>Fraction of each head's dimensions that are rotated (Pythia: 0.25); the rest pass through.</summary>
    [JsonPropertyName("rotary_pct")] public double RotaryPct { get; init; } = 0.25;
    [JsonPropertyName("rotary_emb_base")] public double RotaryEmbBase { get; init; } = 10000;
    [JsonPropertyName("max_position_embeddings")] public int MaxPositionEmbeddings { get; init; } = 2048;
    [JsonPropertyName("layer_norm_eps")] public double LayerNormEps { get; init; } = 1e-5;

    /// <summary>x + attn(ln1(x)) + mlp(ln2(x)) instead of two sequential residual steps.</summary>
    [JsonPropertyName("use_parallel_residual")] public bool UseParallelResidual { get; init; } = true;
    [JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; init; }
    [JsonPropertyName("attention_bias")] public bool AttentionBias { get; init; } = true;
    [JsonPropertyName("hidden_act")] public string HiddenAct { get; init; } = "gelu";
    [JsonPropertyName("bos_token_id")] public int? BosTokenId { get; init; }
    [JsonPropertyName("eos_token_id")] public int? EosTokenId { get; init; }
    [JsonPropertyName("model_type")] public string ModelType => "gpt_neox";
    [JsonPropertyName("architectures")] public IReadOnlyList<string> Architectures => ["GPTNeoXForCausalLM"];

    [JsonIgnore] public int HeadDim => HiddenSize / NumAttentionHeads;
    [JsonIgnore] public int RotaryDims => (int)(HeadDim * RotaryPct);

    public GptNeoXConfig Validate()
    {
        if (VocabSize <= 0 || HiddenSize <= 0 || NumHiddenLayers <= 0 || NumAttentionHeads <= 0 || IntermediateSize <= 0)
            throw new ArgumentException("Invalid GPT-NeoX config: vocab_size, hidden_size, num_hidden_layers, num_attention_heads and intermediate_size must be positive.");
        if (HiddenSize % NumAttentionHeads != 0)
            throw new ArgumentException($"Invalid GPT-NeoX config: hidden_size {HiddenSize} must be divisible by num_attention_heads {NumAttentionHeads}.", "hidden_size");
        if (RotaryPct is <= 0 or > 1 || RotaryDims % 2 != 0)
            throw new ArgumentException($"Invalid GPT-NeoX config: rotary_pct {RotaryPct} must give an even, positive rotary dimension (got {RotaryDims}).", "rotary_pct");
        if (HiddenAct != "gelu") throw new NotSupportedException($"GPT-NeoX config: hidden_act '{HiddenAct}' is not supported (only gelu).");
        return this;
    }

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });

    public static GptNeoXConfig FromJson(string json) =>
        (JsonSerializer.Deserialize<GptNeoXConfig>(json) ?? throw new FormatException("config.json is empty.")).Validate();

    /// <summary>Rotary tables of the rotated part of each head, as Llama's (theta = rotary_emb_base, dim = rotary dims).</summary>
    internal LlamaConfig RotaryShape() => new()
    {
        VocabSize = VocabSize, HiddenSize = RotaryDims * NumAttentionHeads, IntermediateSize = 1, NumHiddenLayers = 1,
        NumAttentionHeads = NumAttentionHeads, MaxPositionEmbeddings = MaxPositionEmbeddings, RopeTheta = RotaryEmbBase,
    };
}
