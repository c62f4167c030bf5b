namespace Forgetless.Training.Running;

/// <summary>One scalar a run reported at a step, named as TRL names it where TRL has a name (docs/metrics.md).</summary>
public sealed record MetricPoint(long Step, string Name, double Value);
