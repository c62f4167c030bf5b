using Forgetless.Training.Datasets;

namespace Forgetless.Web.Service.Datasets;

/// <summary>
/// The outcome of an upload: stored (<see cref="Created"/>), recognised as an exact duplicate of
/// <see cref="Dataset"/>, or rejected with the parser's line + field <see cref="Errors"/> (nothing stored).
/// </summary>
public sealed record DatasetUploadResult(DatasetUploadOutcome Outcome, DatasetSummary? Dataset, IReadOnlyList<ParseError> Errors, string? Problem)
{
    public bool Created => Outcome == DatasetUploadOutcome.Created;

    public static DatasetUploadResult Stored(DatasetSummary dataset) => new(DatasetUploadOutcome.Created, dataset, [], null);

    public static DatasetUploadResult Duplicate(DatasetSummary dataset) => new(DatasetUploadOutcome.Duplicate, dataset, [], null);

    public static DatasetUploadResult Rejected(string problem, IReadOnlyList<ParseError> errors) => new(DatasetUploadOutcome.Rejected, null, errors, problem);

    public static DatasetUploadResult TooLarge(long limit) =>
        new(DatasetUploadOutcome.TooLarge, null, [], $"The file is larger than the upload limit of {limit / (1024 * 1024)} MB.");
}

public enum DatasetUploadOutcome
{
    Created,
    Duplicate,
    Rejected,
    TooLarge,
}
