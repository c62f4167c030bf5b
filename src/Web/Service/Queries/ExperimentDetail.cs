namespace Forgetless.Web.Service.Queries;

/// <summary>
/// One experiment with its runs (optimum runs included; <see cref="RunSummary.Seed"/> groups them by seed), the ideal
/// point of its first seed once known (<see cref="SeedIdeals"/> has every seed's), and the weight-interpolation baseline
/// of each seed whose SFT-only and Sequential SFT→DPO runs have finished.
/// </summary>
public sealed record ExperimentDetail(
    int Id, string Name, int? SftDatasetId, int? PreferenceDatasetId, string Model, string ReferenceChoice,
    double? IdealSft, double? IdealDpo, string SpecJson, string CreatedBy, DateTime CreatedAt, string Tags, string Notes,
    IReadOnlyList<RunSummary> Runs)
{
    /// <summary>Each seed's own ideal point (f*_SFT, f*_DPO from that seed's optimum runs), in seed order.</summary>
    public IReadOnlyList<SeedIdeal> SeedIdeals { get; init; } = [];

    /// <summary>Every seed's interpolation points, by seed then α.</summary>
    public IReadOnlyList<InterpolationPoint> Interpolation { get; init; } = [];
}
