using System.Collections.Concurrent;

namespace Forgetless.Web.Service.Experiments;

/// <summary>Cancellation of runs training in this process: the worker registers each run; cancel trips its token.</summary>
public sealed class RunControl
{
    private readonly ConcurrentDictionary<int, CancellationTokenSource> active = new();

    public CancellationTokenSource Register(int runId, CancellationToken stopping)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        active[runId] = source;
        return source;
    }

    public void Unregister(int runId) => active.TryRemove(runId, out _);

    /// <summary>True when the run was training here and has been told to stop (it stops within one step).</summary>
    public bool Cancel(int runId)
    {
        if (!active.TryGetValue(runId, out var source)) return false;
        source.Cancel();
        return true;
    }

    public bool IsActive(int runId) => active.ContainsKey(runId);
}
