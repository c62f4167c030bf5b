namespace Forgetless.Training.Batches;

/// <summary>One supervised example as token ids: prompt tokens then response tokens (EOS last unless truncated).</summary>
/// <param name="ResponseStart">Index of the first response token in <paramref name="InputIds"/>.</param>
public sealed record TokenizedSft(int[] InputIds, int ResponseStart)
{
    public int Length => InputIds.Length;
}
