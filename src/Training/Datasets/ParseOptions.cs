namespace Forgetless.Training.Datasets;

/// <summary>How strictly a dataset file is read.</summary>
public sealed record ParseOptions
{
    public const int DefaultMaxRowBytes = 1 << 20;

    /// <summary>Keep the good rows and report the bad ones; by default one bad row rejects the whole file.</summary>
    public bool SkipInvalidRows { get; init; }

    /// <summary>Longest accepted row in bytes: a JSONL line, or one element of a JSON array.</summary>
    public int MaxRowBytes { get; init; } = DefaultMaxRowBytes;

    /// <summary>How many errors the report keeps; the counts cover all of them.</summary>
    public int MaxErrors { get; init; } = 100;

    /// <summary>When set, a file of the other kind is rejected at its first row.</summary>
    public DatasetKind? ExpectedKind { get; init; }

    public static ParseOptions Default { get; } = new();
}
