using Forgetless.Training.Datasets;

namespace Forgetless.Training.Batches;

/// <summary>
/// Every example's length before truncation, measured with the tokenizer and template training uses, so the cost of a
/// maximum length (examples cut, tokens per batch) is known before anything trains.
/// </summary>
public sealed record ExampleLengths(IReadOnlyList<ExampleLength> Sft, IReadOnlyList<ExampleLength> Preference)
{
    public static ExampleLengths Measure(ExampleTokenizer tokenizer, IEnumerable<SftExample> sft, IEnumerable<PreferenceExample> preferences) =>
        new([.. sft.Select(tokenizer.Measure)], [.. preferences.Select(tokenizer.Measure)]);

    public TruncationCounts TruncatedAt(int maxLength) => new(
        maxLength, Sft.Count(e => e.IsTruncatedAt(maxLength)), Sft.Count, Preference.Count(e => e.IsTruncatedAt(maxLength)), Preference.Count);

    /// <summary>Mean tokens an SFT example keeps at <paramref name="maxLength"/> (0 without examples).</summary>
    public double MeanSftTokensAt(int maxLength) => Sft.Count == 0 ? 0 : Sft.Average(e => e.TokensAt(maxLength));

    /// <summary>Mean tokens a preference pair keeps at <paramref name="maxLength"/>, chosen and rejected together.</summary>
    public double MeanPairTokensAt(int maxLength) => Preference.Count == 0 ? 0 : Preference.Average(e => e.TokensAt(maxLength));

    /// <summary>The nearest-rank <paramref name="fraction"/> quantile of every example's (pair's longer) length; 0 without examples.</summary>
    public int LengthQuantile(double fraction)
    {
        var lengths = Sft.Concat(Preference).Select(e => e.Longest).Order().ToList();
        return lengths.Count == 0 ? 0 : lengths[Math.Clamp((int)Math.Ceiling(fraction * lengths.Count) - 1, 0, lengths.Count - 1)];
    }

    /// <summary>The 95th percentile length rounded up to a multiple of 8, between 8 and <paramref name="cap"/>.</summary>
    public int SuggestedMaxLength(int cap) => Math.Clamp((LengthQuantile(0.95) + 7) / 8 * 8, 8, Math.Max(8, cap));
}
