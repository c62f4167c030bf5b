namespace Forgetless.Web.Service.Queries;

/// <summary>An experiment in the history list: who, when, and how its runs stand.</summary>
public sealed record ExperimentSummary(
    int Id, string Name, string Model, string CreatedBy, DateTime CreatedAt, string Tags, string Notes,
    int RunCount, int QueuedCount, int RunningCount, int CompletedCount, int FailedCount)
{
    /// <summary>The library model's name; null when the model is no longer in the library (then <see cref="Model"/>, its engine path, is all there is).</summary>
    public string? ModelName { get; init; }

    public string DisplayModel => ModelName ?? Model;

    /// <summary>When it was moved to the trash, and by whom; null when it is not in the trash.</summary>
    public DateTime? TrashedAt { get; init; }

    public string? TrashedBy { get; init; }

    /// <summary>Its schedule × λ closest to the ideal point (the experiment page's smallest ideal-distance bar); null until one is evaluated.</summary>
    public BestIdealDistance? BestIdealDistance { get; init; }
}
