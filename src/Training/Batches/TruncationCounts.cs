namespace Forgetless.Training.Batches;

/// <summary>How many SFT examples and preference pairs are longer than <see cref="MaxLength"/> tokens, so training cuts them.</summary>
public sealed record TruncationCounts(int MaxLength, int SftTruncated, int SftExamples, int PreferenceTruncated, int PreferencePairs);
