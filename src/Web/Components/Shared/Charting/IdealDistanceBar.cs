namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// One bar of the paper's figure: a schedule at a λ and its final distance to the ideal point, as a mean over seeds
/// with its spread (one seed: spread 0). <see cref="Seed"/> is set when the bar is one seed shown on its own.
/// </summary>
public sealed record IdealDistanceBar(string Schedule, double Lambda, MeanSpread Distance, int? Seed = null);
