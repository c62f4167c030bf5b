using static TorchSharp.torch;

namespace Forgetless.Training.Losses;

/// <summary>
/// The log-probability of each sequence's response: the SUM over its response tokens of
/// <c>log softmax(logits)[label]</c>, shifted as in <see cref="SftLoss"/>. This is what DPO compares.
/// </summary>
public static class SequenceLogProbs
{
    /// <param name="logits">(B, T, V)</param>
    /// <param name="labels">(B, T) int64, -100 where not trained.</param>
    /// <returns>(B) float32, differentiable with respect to the logits.</returns>
    public static Tensor Compute(Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var (predicting, targets) = SftLoss.Shift(logits, labels);
        var mask = targets.ne(LabelMask.Ignore);
        var safeTargets = targets.masked_fill(mask.logical_not(), 0).unsqueeze(-1);

        // gather − logsumexp avoids materialising a second (B, T, V) tensor for log_softmax.
        var tokenLogProbs = predicting.gather(-1, safeTargets).squeeze(-1) - predicting.logsumexp(-1);
        return (tokenLogProbs * mask).sum(1).MoveToOuterDisposeScope();
    }

    /// <summary>Splits a preference batch's (2B) log-probs into its chosen rows (first B) and rejected rows (last B).</summary>
    public static (Tensor Chosen, Tensor Rejected) SplitPairs(Tensor logProbs)
    {
        var pairs = logProbs.shape[0] / 2;
        if (logProbs.shape[0] != 2 * pairs)
        {
            throw new ArgumentException($"A preference batch has an even number of rows; got {logProbs.shape[0]}.", nameof(logProbs));
        }

        return (logProbs.narrow(0, 0, pairs), logProbs.narrow(0, pairs, pairs));
    }
}
