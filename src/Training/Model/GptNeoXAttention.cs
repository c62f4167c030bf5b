using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>
/// GPT-NeoX attention as transformers computes it: one fused query_key_value Linear whose output is laid out per
/// head as [q | k | v] (view (B, T, heads, 3·d)), rotary on the first rotary_dims of each head only, then dense.
/// </summary>
public sealed class GptNeoXAttention : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are checkpoint keys
    private readonly Linear query_key_value;
    private readonly Linear dense;
#pragma warning restore IDE1006
    private readonly int heads;
    private readonly int headDim;
    private readonly int rotaryDims;

    public GptNeoXAttention(GptNeoXConfig config) : base(nameof(GptNeoXAttention))
    {
        (heads, headDim, rotaryDims) = (config.NumAttentionHeads, config.HeadDim, config.RotaryDims);
        query_key_value = nn.Linear(config.HiddenSize, 3 * config.HiddenSize, hasBias: config.AttentionBias);
        dense = nn.Linear(config.HiddenSize, config.HiddenSize, hasBias: config.AttentionBias);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor cos, Tensor sin) => Forward(hidden, cos, sin, null, 0);

    public Tensor Forward(Tensor hidden, Tensor cos, Tensor sin, KeyValueCache? cache, int layer)
    {
        using var scope = NewDisposeScope();
        var (batch, length) = (hidden.shape[0], hidden.shape[1]);
        var fused = query_key_value.call(hidden).view(batch, length, heads, 3 * headDim).transpose(1, 2);
        var query = Rotate(fused.narrow(-1, 0, headDim), cos, sin);
        var key = Rotate(fused.narrow(-1, headDim, headDim), cos, sin);
        var value = fused.narrow(-1, 2 * headDim, headDim);
        var attended = CachedAttention.Attend(query, key, value, cache, layer);
        return dense.call(attended.transpose(1, 2).reshape(batch, length, heads * headDim)).MoveToOuterDisposeScope();
    }

    private Tensor Rotate(Tensor x, Tensor cos, Tensor sin) => rotaryDims == headDim
        ? LlamaAttention.ApplyRotary(x, cos, sin)
        : cat([LlamaAttention.ApplyRotary(x.narrow(-1, 0, rotaryDims), cos, sin), x.narrow(-1, rotaryDims, headDim - rotaryDims)], -1);
}
