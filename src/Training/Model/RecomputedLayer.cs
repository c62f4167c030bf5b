using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>
/// Activation checkpointing for one decoder layer (TorchSharp has no torch.utils.checkpoint; this is its reentrant
/// variant as a custom autograd function). Forward runs the layer without building a graph and keeps only its input;
/// backward runs the layer again with a graph from that input and back-propagates through it, which fills the layer's
/// parameter gradients and returns the input's. So a layer's activations live only while its own backward runs.
/// The recomputation must draw the same numbers: callers leave it out when the layer has random parts (LoRA dropout).
/// </summary>
public sealed class RecomputedLayer : autograd.SingleTensorFunction<RecomputedLayer>
{
    public override string Name => nameof(RecomputedLayer);

    /// <summary>The layer's output; <paramref name="hidden"/> must require grad, or autograd records nothing.</summary>
    public static Tensor Apply(LlamaDecoderLayer layer, Tensor hidden, Tensor cos, Tensor sin) => apply(layer, hidden, cos, sin);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (layer, hidden, cos, sin) = Unpack(vars);
        ctx.save_for_backward([hidden, cos, sin]);
        ctx.save_data(nameof(layer), layer);
        return layer.forward(hidden, cos, sin);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        var layer = (LlamaDecoderLayer)ctx.get_data("layer");
        Tensor inputGrad;
        using (var scope = NewDisposeScope())
        using (enable_grad())
        {
            var saved = ctx.get_saved_variables();
            var input = saved[0].detach().requires_grad_(true);
            var output = layer.forward(input, saved[1], saved[2]);
            autograd.backward([output], [gradOutput]);
            // The caller's scope (the training step's, on CPU: backward runs on the calling thread) frees it after
            // libtorch has taken its reference.
            inputGrad = input.grad!.MoveToOuterDisposeScope();
        }

        return [null!, inputGrad, null!, null!]; // one entry per forward argument; only the hidden state gets one
    }

    private static (LlamaDecoderLayer Layer, Tensor Hidden, Tensor Cos, Tensor Sin) Unpack(object[] vars) =>
        ((LlamaDecoderLayer)vars[0], (Tensor)vars[1], (Tensor)vars[2], (Tensor)vars[3]);
}
