namespace Forgetless.Data.Metrics;

/// <summary>
/// One metric point on its way to the database. With an <paramref name="Attempt"/> the point is fenced: it is stored only
/// while its run is Running under that attempt, so a worker that lost its lease cannot write over its successor.
/// </summary>
public readonly record struct MetricRow(int RunId, long Step, string Name, double Value, DateTime Time, int? Attempt = null);
