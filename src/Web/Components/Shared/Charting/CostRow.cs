namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// What a run cost: the paper compares runtime and peak memory across schedules. A row for several seeds holds their
/// means, with the standard deviations in the *Spread fields; <see cref="IsSeed"/> marks one seed listed under its mean.
/// </summary>
public sealed record CostRow(string Name, string Color, long Steps, TimeSpan? WallTime, double? TokensPerSecond, long? PeakMemoryBytes)
{
    /// <summary>From launch to the run's first start, apart from <see cref="WallTime"/> (first start to end).</summary>
    public TimeSpan? QueueWait { get; init; }

    public TimeSpan? QueueWaitSpread { get; init; }

    public int Seeds { get; init; } = 1;

    public bool IsSeed { get; init; }

    public TimeSpan? WallTimeSpread { get; init; }

    public double? TokensPerSecondSpread { get; init; }

    public long? PeakMemorySpread { get; init; }
}
