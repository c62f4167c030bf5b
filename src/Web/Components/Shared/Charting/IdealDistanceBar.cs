namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>One bar of the paper's figure: a schedule at a λ and its final distance to the ideal point.</summary>
public sealed record IdealDistanceBar(string Schedule, double Lambda, double Distance, string Color);
