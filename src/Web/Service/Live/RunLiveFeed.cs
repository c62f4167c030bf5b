using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Forgetless.Web.Service.Live;

/// <summary>
/// In-process publish/subscribe of live run events, for Blazor components (and the SignalR relay).
/// Callbacks run synchronously on the publishing thread, which is usually a training thread: keep them
/// short and marshal UI work with <c>InvokeAsync</c>. A callback that throws is logged and skipped, never
/// allowed to stop training. Dispose the returned subscription to stop receiving.
/// </summary>
/// <example>
/// <code>
/// subscription = Feed.Subscribe(RunId, batch => InvokeAsync(() => Append(batch)), change => InvokeAsync(() => Show(change)));
/// // in DisposeAsync: subscription.Dispose();
/// </code>
/// </example>
public sealed class RunLiveFeed(ILogger<RunLiveFeed> logger)
{
    private readonly ConcurrentDictionary<int, ImmutableList<Subscription>> byRun = new();
    private ImmutableList<Subscription> everything = [];

    /// <summary>Receives one run's metric batches and status changes.</summary>
    public IDisposable Subscribe(int runId, Action<RunMetricBatch>? onMetrics, Action<RunStatusChange>? onStatus = null)
    {
        var subscription = new Subscription(onMetrics, onStatus, s => byRun.AddOrUpdate(runId, [], (_, list) => list.Remove(s)));
        byRun.AddOrUpdate(runId, [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    /// <summary>Receives every run's events (lists, the experiment page, the SignalR relay).</summary>
    public IDisposable SubscribeAll(Action<RunMetricBatch>? onMetrics, Action<RunStatusChange>? onStatus)
    {
        var subscription = new Subscription(onMetrics, onStatus, s => ImmutableInterlocked.Update(ref everything, list => list.Remove(s)));
        ImmutableInterlocked.Update(ref everything, list => list.Add(subscription));
        return subscription;
    }

    public void Publish(RunMetricBatch batch)
    {
        foreach (var subscription in Receivers(batch.RunId))
        {
            Deliver(subscription.OnMetrics, batch);
        }
    }

    public void Publish(RunStatusChange change)
    {
        foreach (var subscription in Receivers(change.RunId))
        {
            Deliver(subscription.OnStatus, change);
        }
    }

    private IEnumerable<Subscription> Receivers(int runId) =>
        byRun.TryGetValue(runId, out var list) ? list.Concat(everything) : everything;

    private void Deliver<T>(Action<T>? callback, T message)
    {
        try
        {
            callback?.Invoke(message);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A live-feed subscriber failed on {Message}", message);
        }
    }

    private sealed class Subscription(Action<RunMetricBatch>? onMetrics, Action<RunStatusChange>? onStatus, Action<Subscription> remove) : IDisposable
    {
        private int disposed;

        public Action<RunMetricBatch>? OnMetrics { get; } = onMetrics;

        public Action<RunStatusChange>? OnStatus { get; } = onStatus;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) remove(this);
        }
    }
}
