using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>
/// GPT-2's "Conv1D": a Linear whose weight is stored transposed, (in, out), so y = x W + b. Kept in that layout
/// so the parameter has the checkpoint's exact shape.
/// </summary>
public sealed class Conv1D : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    public Conv1D(long inFeatures, long outFeatures) : base(nameof(Conv1D))
    {
        weight = new Parameter(empty(inFeatures, outFeatures).normal_(0, 0.02));
        bias = new Parameter(zeros(outFeatures));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => addmm(bias, x.reshape(-1, x.shape[^1]), weight, 1, 1).view([.. x.shape[..^1], weight.shape[1]]);
}
