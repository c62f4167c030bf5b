using static TorchSharp.torch;

namespace Forgetless.Training.Losses;

/// <param name="Loss">Scalar mean over pairs (differentiable).</param>
/// <param name="ChosenRewards">(B) implicit rewards β(π − ref) of the chosen responses, detached.</param>
/// <param name="RejectedRewards">(B) the same for the rejected responses, detached.</param>
public sealed record DpoLossResult(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards)
{
    /// <summary>(B) chosen minus rejected reward.</summary>
    public Tensor Margins() => ChosenRewards - RejectedRewards;

    /// <summary>Means over the batch, with TRL's metric meanings: rewards/chosen, rewards/rejected, rewards/margins, rewards/accuracies.</summary>
    public DpoRewardSummary Summarize()
    {
        using var scope = NewDisposeScope();
        return new DpoRewardSummary(
            ChosenRewards.mean().item<float>(),
            RejectedRewards.mean().item<float>(),
            Margins().mean().item<float>(),
            ChosenRewards.gt(RejectedRewards).to_type(ScalarType.Float32).mean().item<float>());
    }
}
