using Forgetless.Data.Entities;

namespace Forgetless.Web.Service.Training;

/// <summary>How a training attempt ended: Completed, Cancelled or Failed, with final metrics and the last checkpoint.</summary>
public sealed record RunOutcome(RunStatus Status, string? Error = null, IReadOnlyDictionary<string, double>? FinalMetrics = null)
{
    public static RunOutcome Failed(string error) => new(RunStatus.Failed, error);
}
