using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>The decoder stack without the LM head: token ids (B, T) → final-normed hidden states (B, T, hidden).</summary>
public sealed class LlamaModel : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are checkpoint keys
    private readonly Embedding embed_tokens;
    private readonly ModuleList<LlamaDecoderLayer> layers;
    private readonly LlamaRMSNorm norm;
    private readonly RotaryEmbedding rotary_emb;
#pragma warning restore IDE1006

    public LlamaModel(LlamaConfig config) : base(nameof(LlamaModel))
    {
        embed_tokens = nn.Embedding(config.VocabSize, config.HiddenSize);
        layers = nn.ModuleList([.. Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new LlamaDecoderLayer(config))]);
        norm = new LlamaRMSNorm(config.HiddenSize, config.RmsNormEps);
        rotary_emb = new RotaryEmbedding(config);
        RegisterComponents();
    }

    public Embedding EmbedTokens => embed_tokens;

    public int MaxPositions => rotary_emb.MaxPositions;

    /// <summary>
    /// Keep only each layer's input for backward and recompute its activations there (<see cref="RecomputedLayer"/>):
    /// less memory, one more forward per step. Applies to training forwards (grad enabled, no cache).
    /// </summary>
    public bool RecomputeActivations { get; set; }

    public override Tensor forward(Tensor inputIds) => Forward(inputIds, positionOffset: 0);

    /// <param name="positionOffset">Position of the first token (non-zero only when continuing a cached prefix).</param>
    public Tensor Forward(Tensor inputIds, int positionOffset) => Forward(inputIds, positionOffset, null);

    /// <summary>With a cache, positions start at its length and every layer appends its keys/values to it.</summary>
    public Tensor Forward(Tensor inputIds, KeyValueCache? cache) => Forward(inputIds, cache?.Length ?? 0, cache);

    private Tensor Forward(Tensor inputIds, int positionOffset, KeyValueCache? cache)
    {
        using var scope = NewDisposeScope();
        var (cos, sin) = rotary_emb.Slice(positionOffset, (int)inputIds.shape[1]);
        var hidden = embed_tokens.forward(inputIds);
        for (var index = 0; index < layers.Count; index++)
        {
            hidden = RecomputeActivations && cache is null && hidden.requires_grad
                ? RecomputedLayer.Apply(layers[index], hidden, cos, sin)
                : layers[index].Forward(hidden, cos, sin, cache, index);
        }

        cache?.Advance((int)inputIds.shape[1]);

        return norm.forward(hidden).MoveToOuterDisposeScope();
    }
}
