using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>embed_in → layers → final_layer_norm; HF's "gpt_neox" base model.</summary>
public sealed class GptNeoXModel : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are checkpoint keys
    private readonly Embedding embed_in;
    private readonly ModuleList<GptNeoXLayer> layers;
    private readonly LayerNorm final_layer_norm;
    private readonly RotaryEmbedding rotary_emb;
#pragma warning restore IDE1006

    public GptNeoXModel(GptNeoXConfig config) : base(nameof(GptNeoXModel))
    {
        embed_in = nn.Embedding(config.VocabSize, config.HiddenSize);
        layers = nn.ModuleList([.. Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new GptNeoXLayer(config))]);
        final_layer_norm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        rotary_emb = new RotaryEmbedding(config.RotaryShape());
        RegisterComponents();
    }

    public Embedding EmbedIn => embed_in;

    public int MaxPositions => rotary_emb.MaxPositions;

    public override Tensor forward(Tensor inputIds) => Forward(inputIds, null);

    public Tensor Forward(Tensor inputIds, KeyValueCache? cache)
    {
        using var scope = NewDisposeScope();
        var (cos, sin) = rotary_emb.Slice(cache?.Length ?? 0, (int)inputIds.shape[1]);
        var hidden = embed_in.call(inputIds);
        for (var index = 0; index < layers.Count; index++) hidden = layers[index].Forward(hidden, cos, sin, cache, index);
        cache?.Advance((int)inputIds.shape[1]);
        return final_layer_norm.call(hidden).MoveToOuterDisposeScope();
    }
}
