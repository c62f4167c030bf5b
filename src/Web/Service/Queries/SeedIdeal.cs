namespace Forgetless.Web.Service.Queries;

/// <summary>One seed's ideal point (null parts until its optimum runs finish) and its SFT-only run (the DPO reference).</summary>
public sealed record SeedIdeal(int Seed, double? IdealSft, double? IdealDpo, int? SftOptimumRunId);
