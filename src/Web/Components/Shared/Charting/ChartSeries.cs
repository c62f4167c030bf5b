namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>One line of a multi-run chart as loaded (e.g. from the store): key, legend name, look and points.</summary>
public sealed record ChartSeries(string Key, string Name, LineStyle Style, IReadOnlyList<ChartPoint> Points);
