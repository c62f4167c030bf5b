using System.Text.Json;
using System.Text.Json.Serialization;

namespace Forgetless.Training.Model;

/// <summary>GPT-2 shape with transformers' GPT2Config names and defaults.</summary>
public sealed record Gpt2Config
{
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 50257;
    [JsonPropertyName("n_positions")] public int NPositions { get; init; } = 1024;
    [JsonPropertyName("n_embd")] public int NEmbd { get; init; } = 768;
    [JsonPropertyName("n_layer")] public int NLayer { get; init; } = 12;
    [JsonPropertyName("n_head")] public int NHead { get; init; } = 12;

    /// <summary>MLP width; HF's null means 4 × n_embd.</summary>
    [JsonPropertyName("n_inner")] public int? NInner { get; init; }
    [JsonPropertyName("layer_norm_epsilon")] public double LayerNormEpsilon { get; init; } = 1e-5;
    [JsonPropertyName("activation_function")] public string ActivationFunction { get; init; } = "gelu_new";
    [JsonPropertyName("scale_attn_weights")] public bool ScaleAttnWeights { get; init; } = true;
    [JsonPropertyName("scale_attn_by_inverse_layer_idx")] public bool ScaleAttnByInverseLayerIdx { get; init; }
    [JsonPropertyName("reorder_and_upcast_attn")] public bool ReorderAndUpcastAttn { get; init; }
    [JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; init; } = true;
    [JsonPropertyName("bos_token_id")] public int? BosTokenId { get; init; } = 50256;
    [JsonPropertyName("eos_token_id")] public int? EosTokenId { get; init; } = 50256;
    [JsonPropertyName("model_type")] public string ModelType => "gpt2";
    [JsonPropertyName("architectures")] public IReadOnlyList<string> Architectures => ["GPT2LMHeadModel"];

    [JsonIgnore] public int Inner => NInner ?? 4 * NEmbd;
    [JsonIgnore] public int HeadDim => NEmbd / NHead;

    public Gpt2Config Validate()
    {
        if (VocabSize <= 0 || NPositions <= 0 || NEmbd <= 0 || NLayer <= 0 || NHead <= 0 || Inner <= 0)
            throw new ArgumentException("Invalid GPT-2 config: vocab_size, n_positions, n_embd, n_layer, n_head and n_inner must be positive.");
        if (NEmbd % NHead != 0) throw new ArgumentException($"Invalid GPT-2 config: n_embd {NEmbd} must be divisible by n_head {NHead}.", "n_embd");
        if (ActivationFunction is not ("gelu_new" or "gelu_pytorch_tanh" or "gelu"))
            throw new NotSupportedException($"GPT-2 config: activation_function '{ActivationFunction}' is not supported.");
        if (!ScaleAttnWeights || ScaleAttnByInverseLayerIdx || ReorderAndUpcastAttn)
            throw new NotSupportedException("GPT-2 config: only scale_attn_weights=true, scale_attn_by_inverse_layer_idx=false, reorder_and_upcast_attn=false are supported.");
        if (!TieWordEmbeddings) throw new NotSupportedException("GPT-2 config: tie_word_embeddings=false is not supported (GPT2LMHeadModel ties lm_head to wte).");
        return this;
    }

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });

    public static Gpt2Config FromJson(string json) =>
        (JsonSerializer.Deserialize<Gpt2Config>(json) ?? throw new FormatException("config.json is empty.")).Validate();
}
