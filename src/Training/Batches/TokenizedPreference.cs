namespace Forgetless.Training.Batches;

/// <summary>
/// One preference pair as token ids. Both sequences start with the same prompt tokens (so
/// <paramref name="ResponseStart"/> is shared) and continue with the chosen or rejected response.
/// </summary>
public sealed record TokenizedPreference(int[] ChosenIds, int[] RejectedIds, int ResponseStart)
{
    /// <summary>The longer of the two sequences: what the pair costs in a batch.</summary>
    public int Length => Math.Max(ChosenIds.Length, RejectedIds.Length);
}
