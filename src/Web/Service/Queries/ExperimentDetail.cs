namespace Forgetless.Web.Service.Queries;

/// <summary>One experiment with its runs (optimum runs included) and the ideal point once known.</summary>
public sealed record ExperimentDetail(
    int Id, string Name, int? SftDatasetId, int? PreferenceDatasetId, string Model, string ReferenceChoice,
    double? IdealSft, double? IdealDpo, string SpecJson, string CreatedBy, DateTime CreatedAt, string Tags, string Notes,
    IReadOnlyList<RunSummary> Runs)
{
    /// <summary>Every seed's interpolation points, by seed then α.</summary>
    public IReadOnlyList<InterpolationPoint> Interpolation { get; init; } = [];
}
