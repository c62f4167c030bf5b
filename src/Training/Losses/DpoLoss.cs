using Forgetless.Training.Tensors;
using static TorchSharp.torch;

namespace Forgetless.Training.Losses;

/// <summary>
/// Direct Preference Optimization, sigmoid form (Rafailov et al.; TRL's default):
/// <c>−log σ(β[(π_c − r_c) − (π_r − r_r)])</c> averaged over pairs, where π and r are the policy's and the
/// reference's summed response log-probs (<see cref="SequenceLogProbs"/>). Rewards are <c>β(π − r)</c>.
/// </summary>
public sealed record DpoLoss
{
    public DpoLoss(double beta = 0.1)
    {
        if (!(beta > 0) || double.IsInfinity(beta))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "DPO beta must be a positive number.");
        }

        Beta = beta;
    }

    public double Beta { get; }

    /// <summary>All four are (B) per-pair log-probs; the reference ones need no gradient.</summary>
    public DpoLossResult Compute(Tensor policyChosen, Tensor policyRejected, Tensor referenceChosen, Tensor referenceRejected)
    {
        using var scope = NewDisposeScope();
        var chosenLogRatio = policyChosen - referenceChosen;
        var rejectedLogRatio = policyRejected - referenceRejected;
        var loss = -nn.functional.logsigmoid((chosenLogRatio - rejectedLogRatio).Times(Beta)).mean();
        return new DpoLossResult(
            loss.MoveToOuterDisposeScope(),
            chosenLogRatio.Times(Beta).detach().MoveToOuterDisposeScope(),
            rejectedLogRatio.Times(Beta).detach().MoveToOuterDisposeScope());
    }
}
