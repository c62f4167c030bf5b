using TorchSharp;

namespace Forgetless.Training.Tensors;

/// <summary>
/// Corrects <see cref="torch.Tensor.TotalCount"/> for parameters. TorchSharp's Parameter constructor takes the native
/// handle out of the tensor it wraps without lowering the count, so every parameter ever created stays counted after
/// it is disposed and collected (measured: <c>new Parameter(zeros(3))</c>, disposed, GC'd, leaves the count at +1).
/// A long-running service creates models for every run, so the raw count climbs with no tensor kept. Every model
/// and adapter constructor reports its parameters here; <see cref="Running.EngineMemory"/> subtracts them.
/// </summary>
public static class ParameterHandles
{
    private static long moved;

    /// <summary>Tensor wrappers emptied by Parameter constructors: counted by TorchSharp, holding nothing.</summary>
    public static long Moved => Interlocked.Read(ref moved);

    /// <summary>
    /// Call at the end of a constructor that created <paramref name="module"/>'s parameters. Measured per module type
    /// (TorchSharp 0.107): Linear, LayerNorm and <c>nn.Parameter</c> leave one counted wrapper per parameter; Embedding
    /// creates its weight natively and leaves none.
    /// </summary>
    public static void Created(torch.nn.Module module) =>
        Interlocked.Add(ref moved, module.modules().Where(m => m is not TorchSharp.Modules.Embedding).Sum(m => m.named_parameters(recurse: false).LongCount()));
}
