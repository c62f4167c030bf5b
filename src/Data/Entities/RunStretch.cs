namespace Forgetless.Data.Entities;

/// <summary>One attempt of a run: which worker trained it, from which step, and how the attempt ended.</summary>
public sealed class RunStretch
{
    public long Id { get; set; }

    public int RunId { get; set; }

    public int Attempt { get; set; }

    public required string Worker { get; set; }

    /// <summary>The step it started from (its checkpoint's; 0 for a fresh start).</summary>
    public long FromStep { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary>The run's status when the attempt ended, or "LeaseExpired" when another process took the run back.</summary>
    public string? Outcome { get; set; }
}
