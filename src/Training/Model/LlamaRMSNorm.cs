using Forgetless.Training.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>Root-mean-square norm as in HF: computed in float32, scaled by <c>weight</c> (initialised to 1).</summary>
public sealed class LlamaRMSNorm : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are checkpoint keys
    private readonly TorchSharp.Modules.Parameter weight;
#pragma warning restore IDE1006
    private readonly double _eps;

    public LlamaRMSNorm(long hiddenSize, double eps) : base(nameof(LlamaRMSNorm))
    {
        weight = nn.Parameter(ones(hiddenSize));
        _eps = eps;
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var inputType = hidden.dtype;
        var x = hidden.to_type(ScalarType.Float32);
        var variance = x.Square().mean([-1], keepdim: true);
        x = x * rsqrt(variance.Plus(_eps));
        return (weight * x.to_type(inputType)).MoveToOuterDisposeScope();
    }
}
