namespace Forgetless.Data.Metrics;

/// <summary>One metric point on its way to the database.</summary>
public readonly record struct MetricRow(int RunId, long Step, string Name, double Value, DateTime Time);
