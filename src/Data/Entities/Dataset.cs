namespace Forgetless.Data.Entities;

/// <summary>
/// An uploaded, validated dataset. The file itself lives in the content-addressed folder beside the
/// database (<see cref="StoredPath"/> is relative to the data directory), never inside the database.
/// </summary>
public sealed class Dataset
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public DatasetKind Kind { get; set; }

    /// <summary>The format the parser detected, e.g. "alpaca", "openai-messages", "hh-raw".</summary>
    public required string Format { get; set; }

    public int RowCount { get; set; }

    public long TotalTokens { get; set; }

    public double MeanTokens { get; set; }

    public int MaxTokens { get; set; }

    /// <summary>Lower-case hex SHA-256 of the uploaded bytes; an exact duplicate has the same hash.</summary>
    public required string ContentHash { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>Relative to the data directory, e.g. "files/3f…a1.jsonl".</summary>
    public required string StoredPath { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime UploadedAt { get; set; }
}
