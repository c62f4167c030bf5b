namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// How a line looks: the schedule's colour, a dash per λ, and faint for a single seed drawn around its bold mean.
/// <see cref="Group"/> ties lines that toggle together in the legend (a mean and its seeds).
/// </summary>
public sealed record LineStyle(string Color, string Dash = SchedulePalette.Solid, bool Faint = false, string? Group = null);
