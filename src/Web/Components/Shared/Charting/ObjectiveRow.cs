namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>A run's <c>objective</c> metric over steps (0 = SFT, 1 = DPO, 2 = both).</summary>
public sealed record ObjectiveRow(string Name, IReadOnlyList<ChartPoint> ObjectiveByStep);
