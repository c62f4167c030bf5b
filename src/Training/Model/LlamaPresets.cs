namespace Forgetless.Training.Model;

/// <summary>Named model shapes for models made from scratch.</summary>
public static class LlamaPresets
{
    public static IReadOnlyList<string> Names { get; } = ["tiny", "bench17m"];

    /// <summary>For demos and tests: 2 layers, hidden 64, grouped-query attention (4 heads over 2 KV heads), tied.</summary>
    public static LlamaConfig Tiny(int vocabSize) => new LlamaConfig
    {
        VocabSize = vocabSize,
        HiddenSize = 64,
        IntermediateSize = 172,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        NumKeyValueHeads = 2,
        MaxPositionEmbeddings = 256,
        TieWordEmbeddings = true,
    }.Validate();

    /// <summary>
    /// The benchmark's 17M configuration: 6 layers, hidden 384, 6 heads, vocab 8192, 256 positions.
    /// Parameters: embeddings 8192·384 = 3,145,728; per layer 4·384² (attention) + 3·384·1024 (MLP) + 2·384
    /// (norms) = 1,770,240, times 6 = 10,621,440; final norm 384; untied LM head 3,145,728.
    /// Total 16,913,280 ≈ 17M (tied it would be 13,767,552, which is why the head is untied).
    /// </summary>
    public static LlamaConfig Bench17M(int vocabSize = 8192) => new LlamaConfig
    {
        VocabSize = vocabSize,
        HiddenSize = 384,
        IntermediateSize = 1024,
        NumHiddenLayers = 6,
        NumAttentionHeads = 6,
        NumKeyValueHeads = 6,
        MaxPositionEmbeddings = 256,
        TieWordEmbeddings = false,
    }.Validate();

    public static LlamaConfig ByName(string name, int vocabSize) => name.ToLowerInvariant() switch
    {
        "tiny" => Tiny(vocabSize),
        "bench17m" => Bench17M(vocabSize),
        _ => throw new ArgumentException($"Unknown model preset '{name}'. Known presets: {string.Join(", ", Names)}.", nameof(name)),
    };
}
