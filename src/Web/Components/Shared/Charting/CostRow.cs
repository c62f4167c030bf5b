namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>What a run cost: the paper compares runtime and peak memory across schedules.</summary>
public sealed record CostRow(string Name, string Color, long Steps, TimeSpan? WallTime, double? TokensPerSecond, long? PeakMemoryBytes);
