namespace Forgetless.Web.Service.Queries;

/// <summary>
/// One experiment with its runs (optimum and reference runs included). <see cref="IdealSft"/> / <see cref="IdealDpo"/> are
/// MAXRIGHT's f* (the optimum runs' smoothed training losses); <see cref="Ideal"/> is the reporting ideal point (the best
/// held-out value of each objective so far, with the run and step that reached it) that distances are measured against.
/// </summary>
public sealed record ExperimentDetail(
    int Id, string Name, int? SftDatasetId, int? PreferenceDatasetId, string Model, string ReferenceChoice,
    double? IdealSft, double? IdealDpo, string SpecJson, string CreatedBy, DateTime CreatedAt, string Tags, string Notes,
    IReadOnlyList<RunSummary> Runs, Forgetless.Training.Schedules.ReportingIdeal? Ideal = null);
