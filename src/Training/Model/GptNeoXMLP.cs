using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>dense_4h_to_h(gelu(dense_h_to_4h(x))) with biases; gelu is the exact (erf) one, HF's "gelu".</summary>
public sealed class GptNeoXMLP : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are checkpoint keys
    private readonly Linear dense_h_to_4h;
    private readonly Linear dense_4h_to_h;
#pragma warning restore IDE1006

    public GptNeoXMLP(GptNeoXConfig config) : base(nameof(GptNeoXMLP))
    {
        dense_h_to_4h = nn.Linear(config.HiddenSize, config.IntermediateSize);
        dense_4h_to_h = nn.Linear(config.IntermediateSize, config.HiddenSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var up = dense_h_to_4h.call(x);
        using var activated = nn.functional.gelu(up);
        return dense_4h_to_h.call(activated);
    }
}
