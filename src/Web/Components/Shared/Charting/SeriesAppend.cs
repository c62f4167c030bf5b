namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>New points for one line of a live chart. A key the chart has not seen adds a new line.</summary>
public sealed record SeriesAppend(string Key, string Name, LineStyle Style, IReadOnlyList<ChartPoint> Points);
