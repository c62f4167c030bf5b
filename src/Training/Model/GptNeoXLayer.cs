using Forgetless.Training.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>Pre-LayerNorm block; parallel residual x + attn(ln1 x) + mlp(ln2 x) (Pythia) or the sequential form.</summary>
public sealed class GptNeoXLayer : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are checkpoint keys
    private readonly LayerNorm input_layernorm;
    private readonly LayerNorm post_attention_layernorm;
    private readonly GptNeoXAttention attention;
    private readonly GptNeoXMLP mlp;
#pragma warning restore IDE1006
    private readonly bool parallelResidual;

    public GptNeoXLayer(GptNeoXConfig config) : base(nameof(GptNeoXLayer))
    {
        input_layernorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        post_attention_layernorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        attention = new GptNeoXAttention(config);
        mlp = new GptNeoXMLP(config);
        parallelResidual = config.UseParallelResidual;
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor cos, Tensor sin) => Forward(hidden, cos, sin, null, 0);

    public Tensor Forward(Tensor hidden, Tensor cos, Tensor sin, KeyValueCache? cache, int layer)
    {
        using var scope = NewDisposeScope();
        var attended = attention.Forward(input_layernorm.call(hidden), cos, sin, cache, layer);
        if (parallelResidual)
        {
            return hidden.Plus(attended).Plus(mlp.call(post_attention_layernorm.call(hidden))).MoveToOuterDisposeScope();
        }

        var afterAttention = hidden.Plus(attended);
        return afterAttention.Plus(mlp.call(post_attention_layernorm.call(afterAttention))).MoveToOuterDisposeScope();
    }
}
