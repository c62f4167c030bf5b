namespace Forgetless.Web.Service.Queries;

/// <summary>
/// One metric of one run over steps; <see cref="Values"/> holds NaN where the engine reported NaN. <see cref="StoredPoints"/>
/// is how many points the store holds for it (more than <see cref="Steps"/> when the curve was thinned for drawing).
/// </summary>
public sealed record MetricSeries(int RunId, string Name, IReadOnlyList<long> Steps, IReadOnlyList<double> Values)
{
    public int StoredPoints { get; init; } = Steps.Count;
}
