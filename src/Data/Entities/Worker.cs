namespace Forgetless.Data.Entities;

/// <summary>A training process (<c>serve</c>'s embedded worker or <c>./forgetless worker</c>) as it last reported itself.</summary>
public sealed class Worker
{
    /// <summary>Unique among the processes sharing a store (<c>--name</c>; the machine name by default).</summary>
    public required string Name { get; set; }

    public required string Host { get; set; }

    public required string Device { get; set; }

    /// <summary>Runs it trains at once.</summary>
    public int Slots { get; set; }

    public DateTime StartedAt { get; set; }

    /// <summary>Renewed with its leases; a worker silent for longer than a lease is shown as lost.</summary>
    public DateTime HeartbeatAt { get; set; }

    /// <summary>Set when it shut down cleanly.</summary>
    public DateTime? StoppedAt { get; set; }
}
