using Forgetless.Training.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>Pre-norm residual block: <c>x + attn(norm(x))</c>, then <c>x + mlp(norm(x))</c>.</summary>
public sealed class LlamaDecoderLayer : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are checkpoint keys
    private readonly LlamaAttention self_attn;
    private readonly LlamaMLP mlp;
    private readonly LlamaRMSNorm input_layernorm;
    private readonly LlamaRMSNorm post_attention_layernorm;
#pragma warning restore IDE1006

    public LlamaDecoderLayer(LlamaConfig config) : base(nameof(LlamaDecoderLayer))
    {
        self_attn = new LlamaAttention(config);
        mlp = new LlamaMLP(config);
        input_layernorm = new LlamaRMSNorm(config.HiddenSize, config.RmsNormEps);
        post_attention_layernorm = new LlamaRMSNorm(config.HiddenSize, config.RmsNormEps);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor cos, Tensor sin) => Forward(hidden, cos, sin, null, 0);

    public Tensor Forward(Tensor hidden, Tensor cos, Tensor sin, KeyValueCache? cache, int layer)
    {
        using var scope = NewDisposeScope();
        var afterAttention = hidden.Plus(self_attn.Forward(input_layernorm.forward(hidden), cos, sin, cache, layer));
        var output = afterAttention.Plus(mlp.forward(post_attention_layernorm.forward(afterAttention)));
        return output.MoveToOuterDisposeScope();
    }
}
