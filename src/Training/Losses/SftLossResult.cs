using static TorchSharp.torch;

namespace Forgetless.Training.Losses;

/// <param name="Loss">Scalar: mean negative log-likelihood per response token (differentiable).</param>
/// <param name="TokenCount">How many response tokens the mean is over.</param>
public sealed record SftLossResult(Tensor Loss, long TokenCount);
