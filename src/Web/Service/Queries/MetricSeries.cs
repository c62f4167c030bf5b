namespace Forgetless.Web.Service.Queries;

/// <summary>One metric of one run over steps; <see cref="Values"/> holds NaN where the engine reported NaN.</summary>
public sealed record MetricSeries(int RunId, string Name, IReadOnlyList<long> Steps, IReadOnlyList<double> Values);
