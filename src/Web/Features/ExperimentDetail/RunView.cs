using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>What the experiment page shows about one run besides its metrics.</summary>
public sealed record RunView(
    int Id,
    string Schedule,
    double? Lambda,
    bool IsOptimum,
    string Status,
    int TotalSteps,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    string LaunchedBy)
{
    public string Name => SchedulePalette.DisplayName(Schedule) + (Lambda is { } l ? $" λ={l:0.##}" : "");
}
