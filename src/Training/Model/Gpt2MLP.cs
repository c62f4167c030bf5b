using Forgetless.Training.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>c_proj(act(c_fc(x))); "gelu_new" is the tanh approximation 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))).</summary>
public sealed class Gpt2MLP : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are checkpoint keys
    private readonly Conv1D c_fc;
    private readonly Conv1D c_proj;
#pragma warning restore IDE1006
    private readonly bool exactGelu;

    public Gpt2MLP(Gpt2Config config) : base(nameof(Gpt2MLP))
    {
        c_fc = new Conv1D(config.NEmbd, config.Inner);
        c_proj = new Conv1D(config.Inner, config.NEmbd);
        exactGelu = config.ActivationFunction == "gelu";
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var up = c_fc.call(x);
        var activated = exactGelu ? nn.functional.gelu(up) : TanhGelu(up);
        return c_proj.call(activated).MoveToOuterDisposeScope();
    }

    /// <summary>GPT-2's gelu_new: 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³))).</summary>
    private static Tensor TanhGelu(Tensor x)
    {
        var inner = x.Plus(x.Power(3).Times(0.044715)).Times(Math.Sqrt(2 / Math.PI));
        return x.Times(0.5).mul(inner.tanh().Plus(1));
    }
}
