using Forgetless.Data.Entities;

namespace Forgetless.Web.Service.Queries;

/// <summary>A run as lists, the run page and the API show it. <see cref="SpecJson"/> holds every hyperparameter.</summary>
public sealed record RunSummary(
    int Id, int ExperimentId, RunRole Role, string Schedule, double? Lambda, int? K, int Seed, int TotalSteps, RunStatus Status,
    string? Device, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt, string? Error,
    long? LastCheckpointStep, bool HasCheckpoint, IReadOnlyDictionary<string, double>? FinalMetrics, string LaunchedBy, string Tags, string Notes, string SpecJson,
    RunTruncation? Truncation = null)
{
    public static RunSummary From(Run r) => new(
        r.Id, r.ExperimentId, r.Role, r.Schedule, r.Lambda, r.K, r.Seed, r.TotalSteps, r.Status, r.Device, r.CreatedAt, r.StartedAt, r.FinishedAt,
        r.Error, r.LastCheckpointStep, r.LastCheckpointPath is not null,
        Run.FinalMetricsFrom(r.FinalMetricsJson),
        r.LaunchedBy, r.Tags, r.Notes, r.SpecJson, RunTruncation.From(r));
}
