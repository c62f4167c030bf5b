using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>
/// What generation needs from any architecture: logits for new tokens given what the cache already holds.
/// <c>Forward(ids, null)</c> equals the plain <c>forward(ids)</c>.
/// </summary>
public interface ICausalLanguageModel
{
    int NumLayers { get; }

    int MaxPositions { get; }

    /// <param name="inputIds">(B, T) new tokens, at positions cache.Length .. cache.Length + T - 1.</param>
    /// <returns>(B, T, vocab) logits; the cache has advanced by T.</returns>
    Tensor Forward(Tensor inputIds, KeyValueCache? cache);
}
