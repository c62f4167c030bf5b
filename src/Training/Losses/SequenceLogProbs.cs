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
        var targets = SftLoss.ShiftedTargets(logits, labels);

        // Per-token cross-entropy is −log softmax(logits)[label], 0 where ignored: one fused kernel pair, and its
        // backward writes a single (B·T, V) gradient, where gather − logsumexp on a narrowed view needed several.
        var negativeLogProbs = nn.functional.cross_entropy(
            SftLoss.Flat(logits), targets.view(-1), ignore_index: LabelMask.Ignore, reduction: nn.Reduction.None);
        return negativeLogProbs.view(targets.shape).sum(1).neg().MoveToOuterDisposeScope();
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
