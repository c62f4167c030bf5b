namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>One point of a chart line: usually (step, metric value).</summary>
public readonly record struct ChartPoint(double X, double Y);
