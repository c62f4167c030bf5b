namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>What the browser must do for one line: append <see cref="Points"/>, or (Redraw) replace the line with them.</summary>
public sealed record SeriesUpdate(bool Redraw, IReadOnlyList<ChartPoint> Points);
