namespace Forgetless.Training.Datasets;

/// <summary>
/// The outcome of reading one file. <see cref="Errors"/> holds the first <see cref="ParseOptions.MaxErrors"/>
/// problems; <see cref="ErrorCount"/> counts all of them. <see cref="ContentSha256"/> is the SHA-256 of every
/// byte of the file (lower-case hex), or null when reading stopped early.
/// </summary>
public sealed record ParseReport(
    DatasetFormat? Format,
    int GoodRowCount,
    int BadRowCount,
    int ErrorCount,
    IReadOnlyList<ParseError> Errors,
    bool ReadToEnd,
    bool SkipInvalidRows,
    string? ContentSha256)
{
    /// <summary>The file can be used: fully read, format known, at least one example, and no bad rows unless skipping was asked for.</summary>
    public bool IsAccepted =>
        ReadToEnd && Format is not null && GoodRowCount > 0 && (BadRowCount == 0 || SkipInvalidRows);

    public DatasetKind? Kind => Format?.Kind;

    public ParseError? FirstError => Errors.Count > 0 ? Errors[0] : null;

    public override string ToString()
    {
        var format = Format?.Name ?? "unknown format";
        var verdict = IsAccepted ? "accepted" : "rejected";
        var first = FirstError is null ? "" : $"; first error: {FirstError}";
        return $"{verdict}: {format}, {GoodRowCount} good rows, {BadRowCount} bad rows, {ErrorCount} errors{first}";
    }
}
