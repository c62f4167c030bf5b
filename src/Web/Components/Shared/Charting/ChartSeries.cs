namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>A named line of a multi-run chart; <see cref="Key"/> identifies it across live appends (e.g. the run id).</summary>
public sealed record ChartSeries(string Key, string Name, string Color, IReadOnlyList<ChartPoint> Points);
