namespace Forgetless.Web.Service.Models;

/// <summary>An import's outcome: stored, an exact duplicate of <see cref="Model"/>, or refused with <see cref="Problem"/> (nothing stored).</summary>
public sealed record ModelImportResult(ModelImportOutcome Outcome, ModelSummary? Model, string? Problem)
{
    public static ModelImportResult Stored(ModelSummary model) => new(ModelImportOutcome.Created, model, null);

    public static ModelImportResult Duplicate(ModelSummary model) => new(ModelImportOutcome.Duplicate, model, null);

    public static ModelImportResult Rejected(string problem) => new(ModelImportOutcome.Rejected, null, problem);

    public static ModelImportResult TooLarge(long limit) =>
        new(ModelImportOutcome.TooLarge, null, $"The upload is larger than the model limit of {limit / (1024 * 1024)} MB.");
}

public enum ModelImportOutcome
{
    Created,
    Duplicate,
    Rejected,
    TooLarge,
}
