namespace Forgetless.Web.Service.Queries;

/// <summary>
/// One seed of an experiment: MAXRIGHT's f* from its optimum runs (null until they finish), the run whose final model is
/// its DPO reference, and its reporting ideal point (the best held-out values its own runs reached so far).
/// </summary>
public sealed record SeedIdeal(int Seed, double? IdealSft, double? IdealDpo, int? ReferenceRunId, Forgetless.Training.Schedules.ReportingIdeal? Ideal);
