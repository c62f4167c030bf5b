namespace Forgetless.Web.Service.Queries;

/// <summary>
/// One experiment with its runs (optimum and reference runs included; <see cref="RunSummary.Seed"/> groups them by seed).
/// <see cref="IdealSft"/> / <see cref="IdealDpo"/> are MAXRIGHT's f* of the first seed (the optimum runs' smoothed training
/// losses; <see cref="SeedIdeals"/> has every seed's); <see cref="Ideal"/> is the reporting ideal point over every run of
/// every seed (the best held-out value of each objective so far, with the run and step that reached it), and each
/// <see cref="SeedIdeal.Ideal"/> the same over that seed's runs alone. <see cref="Interpolation"/> is the weight-interpolation
/// baseline of each seed whose SFT-only and Sequential SFT→DPO runs have finished.
/// </summary>
public sealed record ExperimentDetail(
    int Id, string Name, int? SftDatasetId, int? PreferenceDatasetId, string Model, string ReferenceChoice,
    double? IdealSft, double? IdealDpo, string SpecJson, string CreatedBy, DateTime CreatedAt, string Tags, string Notes,
    IReadOnlyList<RunSummary> Runs, Forgetless.Training.Schedules.ReportingIdeal? Ideal = null)
{
    /// <summary>Each seed's MAXRIGHT f*, reference run and reporting ideal point, in seed order.</summary>
    public IReadOnlyList<SeedIdeal> SeedIdeals { get; init; } = [];

    /// <summary>Every seed's interpolation points, by seed then α.</summary>
    public IReadOnlyList<InterpolationPoint> Interpolation { get; init; } = [];

    /// <summary>When it was moved to the trash; null when it is not in the trash.</summary>
    public DateTime? TrashedAt { get; init; }
}
