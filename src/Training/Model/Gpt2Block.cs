using Forgetless.Training.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>x + attn(ln_1 x), then x + mlp(ln_2 x).</summary>
public sealed class Gpt2Block : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are checkpoint keys
    private readonly LayerNorm ln_1;
    private readonly Gpt2Attention attn;
    private readonly LayerNorm ln_2;
    private readonly Gpt2MLP mlp;
#pragma warning restore IDE1006

    public Gpt2Block(Gpt2Config config) : base(nameof(Gpt2Block))
    {
        ln_1 = nn.LayerNorm(config.NEmbd, config.LayerNormEpsilon);
        attn = new Gpt2Attention(config);
        ln_2 = nn.LayerNorm(config.NEmbd, config.LayerNormEpsilon);
        mlp = new Gpt2MLP(config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden) => Forward(hidden, null, 0);

    public Tensor Forward(Tensor hidden, KeyValueCache? cache, int layer)
    {
        using var scope = NewDisposeScope();
        var afterAttention = hidden.Plus(attn.Forward(ln_1.call(hidden), cache, layer));
        return afterAttention.Plus(mlp.call(ln_2.call(afterAttention))).MoveToOuterDisposeScope();
    }
}
