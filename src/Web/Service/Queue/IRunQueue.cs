namespace Forgetless.Web.Service.Queue;

/// <summary>
/// The run queue: Queued runs in the database, taken oldest first by any number of worker processes. A claim is one
/// atomic statement that also starts a lease and a new attempt; the holder renews the lease on a heartbeat. Order
/// within an experiment: the SFT-only run first (its final model is the DPO reference), then the DPO-only run once
/// f*_SFT is known, then the schedule runs once the whole ideal point is known.
/// </summary>
public interface IRunQueue
{
    /// <summary>Moves the oldest runnable Queued run to Running for <paramref name="workerId"/>; null when none is runnable.</summary>
    Task<RunClaim?> ClaimNextAsync(string workerId, CancellationToken cancellationToken);

    /// <summary>The Queued runs a claim could take now, in the order claims take them (runs waiting for an f* are not among them).</summary>
    Task<IReadOnlyList<int>> RunnableAsync(CancellationToken cancellationToken);

    /// <summary>Extends the lease; false when the claim is stale (re-queued, cancelled or taken by another attempt).</summary>
    Task<bool> RenewAsync(RunClaim claim, CancellationToken cancellationToken);

    /// <summary>Wakes idle workers now instead of at their next poll (call after queueing a run).</summary>
    void Signal();

    /// <summary>Waits until <see cref="Signal"/> is called or <paramref name="timeout"/> passes.</summary>
    Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
