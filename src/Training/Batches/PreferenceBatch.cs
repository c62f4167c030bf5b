namespace Forgetless.Training.Batches;

/// <summary>
/// Collates preference pairs into ONE right-padded batch of 2B rows: the B chosen sequences first, then the B
/// rejected ones in the same order, so one forward pass serves both
/// (split the per-row log-probs with <see cref="Losses.SequenceLogProbs.SplitPairs"/>).
/// </summary>
public static class PreferenceBatch
{
    public static TokenBatch Collate(IReadOnlyList<TokenizedPreference> pairs, int padId)
    {
        ArgumentOutOfRangeException.ThrowIfZero(pairs.Count);
        return new TokenBatch(
            [.. pairs.Select(pair => (pair.ChosenIds, pair.ResponseStart)),
             .. pairs.Select(pair => (pair.RejectedIds, pair.ResponseStart))],
            padId);
    }
}
