namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>Metrics the cost table reads that the engine does not name (yet); absent ones show as "—".</summary>
public static class ExtraMetricNames
{
    public const string PeakMemoryBytes = "peak_memory_bytes";
}
