namespace Forgetless.Web.Service.Queries;

/// <summary>A page of the experiment list, and how many experiments match in all.</summary>
public sealed record ExperimentPage(IReadOnlyList<ExperimentSummary> Items, int Total)
{
    public const int DefaultTake = 100;
    public const int MaxTake = 500;
}
