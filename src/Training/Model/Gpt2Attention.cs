using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>GPT-2 attention: c_attn gives [q | k | v] along the last axis (each n_embd wide), then c_proj.</summary>
public sealed class Gpt2Attention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are checkpoint keys
    private readonly Conv1D c_attn;
    private readonly Conv1D c_proj;
#pragma warning restore IDE1006
    private readonly int heads;
    private readonly int headDim;

    public Gpt2Attention(Gpt2Config config) : base(nameof(Gpt2Attention))
    {
        (heads, headDim) = (config.NHead, config.HeadDim);
        c_attn = new Conv1D(config.NEmbd, 3 * config.NEmbd);
        c_proj = new Conv1D(config.NEmbd, config.NEmbd);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden) => Forward(hidden, null, 0);

    public Tensor Forward(Tensor hidden, KeyValueCache? cache, int layer)
    {
        using var scope = NewDisposeScope();
        var (batch, length) = (hidden.shape[0], hidden.shape[1]);
        var qkv = c_attn.call(hidden);
        Tensor Heads(int index) => qkv.narrow(-1, index * heads * headDim, heads * headDim).view(batch, length, heads, headDim).transpose(1, 2);
        var attended = CachedAttention.Attend(Heads(0), Heads(1), Heads(2), cache, layer);
        return c_proj.call(attended.transpose(1, 2).reshape(batch, length, heads * headDim)).MoveToOuterDisposeScope();
    }
}
