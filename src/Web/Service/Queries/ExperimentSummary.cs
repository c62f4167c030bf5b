namespace Forgetless.Web.Service.Queries;

/// <summary>An experiment in the history list: who, when, and how its runs stand.</summary>
public sealed record ExperimentSummary(
    int Id, string Name, string Model, string CreatedBy, DateTime CreatedAt, string Tags, string Notes,
    int RunCount, int QueuedCount, int RunningCount, int CompletedCount, int FailedCount)
{
    /// <summary>The library model's name; null when the model is no longer in the library (then <see cref="Model"/>, its engine path, is all there is).</summary>
    public string? ModelName { get; init; }

    public string DisplayModel => ModelName ?? Model;
}
