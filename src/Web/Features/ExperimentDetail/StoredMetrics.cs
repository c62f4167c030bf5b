using Forgetless.Web.Service.Queries;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>Loads runs' stored curves into an <see cref="ExperimentMetrics"/>: one query, each curve thinned for drawing.</summary>
public static class StoredMetrics
{
    /// <summary>Points per curve a page draws at most; longer runs are thinned (first, last and extremes kept), live points append.</summary>
    public const int MaxPointsPerCurve = 1_000;

    public static async Task LoadAsync(RunQueries queries, IReadOnlyCollection<int> runIds, ExperimentMetrics into, CancellationToken cancellationToken = default)
    {
        if (runIds.Count == 0)
        {
            return;
        }

        await foreach (var series in queries.StreamMetricsAsync(runIds, [.. ExperimentMetrics.Plotted], MaxPointsPerCurve, cancellationToken))
        {
            into.AddStored(series);
        }
    }
}
