using Forgetless.Training.Model;

namespace Forgetless.Bench;

/// <summary>
/// Analytic training FLOPs per token (PaLM appendix B): <c>6·N + 12·L·T·d</c>, where N counts the weights that take
/// part in matmuls (every Linear, including the LM head; not the embedding lookup or the norms), L the layers,
/// T the sequence length and d the attention width (heads × head_dim). 6 = 2 (multiply-add) × 3 (forward, and
/// backward's two matmuls); the attention term counts QKᵀ and AV without the causal half that SDPA may skip.
/// </summary>
public static class StepFlops
{
    public static long MatmulParameters(LlamaConfig config)
    {
        long hidden = config.HiddenSize, attention = (long)config.NumAttentionHeads * config.HeadDim;
        long keyValue = (long)config.KeyValueHeads * config.HeadDim;
        var perLayer = hidden * attention * 2 + hidden * keyValue * 2 + 3 * hidden * config.IntermediateSize;
        return config.NumHiddenLayers * perLayer + hidden * config.VocabSize; // LM head (tied or not, it is a matmul)
    }

    public static double PerToken(LlamaConfig config, int sequenceLength) =>
        6.0 * MatmulParameters(config)
        + 12.0 * config.NumHiddenLayers * sequenceLength * config.NumAttentionHeads * config.HeadDim;
}
