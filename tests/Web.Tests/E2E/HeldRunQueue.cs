using Forgetless.Web.Service.Queue;

namespace Forgetless.Web.Tests.E2E;

/// <summary>
/// The app's real run queue with its claims held back until <see cref="Release"/>: a test opens a page on queued runs
/// and then lets them train, so what it watches streams in live however fast or slow the machine is.
/// </summary>
public sealed class HeldRunQueue(IRunQueue queue) : IRunQueue
{
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the worker claim from now on, and wakes it.</summary>
    public void Release()
    {
        released.TrySetResult();
        queue.Signal();
    }

    public async Task<RunClaim?> ClaimNextAsync(string workerId, CancellationToken cancellationToken)
    {
        await released.Task.WaitAsync(cancellationToken);
        return await queue.ClaimNextAsync(workerId, cancellationToken);
    }

    public Task<IReadOnlyList<int>> RunnableAsync(CancellationToken cancellationToken) => queue.RunnableAsync(cancellationToken);

    public Task<bool> RenewAsync(RunClaim claim, CancellationToken cancellationToken) => queue.RenewAsync(claim, cancellationToken);

    public void Signal() => queue.Signal();

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => queue.WaitAsync(timeout, cancellationToken);
}
