namespace Forgetless.Training.Batches;

/// <summary>Collates supervised examples into one right-padded batch.</summary>
public static class SftBatch
{
    public static TokenBatch Collate(IReadOnlyList<TokenizedSft> examples, int padId)
    {
        ArgumentOutOfRangeException.ThrowIfZero(examples.Count);
        return new TokenBatch([.. examples.Select(example => (example.InputIds, example.ResponseStart))], padId);
    }
}
