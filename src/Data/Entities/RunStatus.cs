namespace Forgetless.Data.Entities;

/// <summary>A run's life: Queued → Running → Completed | Failed | Cancelled | Interrupted.</summary>
public enum RunStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Cancelled = 4,
    Interrupted = 5,
}
