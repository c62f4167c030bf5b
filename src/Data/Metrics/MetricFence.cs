namespace Forgetless.Data.Metrics;

/// <summary>Which rows of a batch may be stored, given each fenced run's current attempt (absent: not Running).</summary>
internal static class MetricFence
{
    public static List<MetricRow> Accepted(IReadOnlyList<MetricRow> rows, IReadOnlyDictionary<int, int> runningAttempts) =>
        rows.Where(r => r.Attempt is not { } attempt || runningAttempts.TryGetValue(r.RunId, out var current) && current == attempt).ToList();
}
