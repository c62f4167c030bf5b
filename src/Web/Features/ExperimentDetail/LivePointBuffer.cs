using Forgetless.Training.Running;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>
/// Live points on their way to the charts, drawn at most once per interval: points that arrive after a quiet spell
/// are drawn at once (a run's first point shows without delay); those that follow wait and are drawn together when
/// the interval has passed. A tiny run trains ~25 steps a second, and drawing each step cost a Plotly update per
/// chart and a page render, on the same two cores as the training (docs/benchmarks.md, one-click section).
/// </summary>
/// <remarks>
/// Not thread-safe: call it on the component's dispatcher, as the page's live callbacks are. Draws run one at a time, in
/// the order they were asked for, so every chart line gets its steps in order.
/// </remarks>
public sealed class LivePointBuffer : IDisposable
{
    private readonly Dictionary<int, List<MetricPoint>> _pending = [];
    private readonly TimeSpan _interval;
    private readonly Func<IReadOnlyDictionary<int, IReadOnlyList<MetricPoint>>, Task> _draw;
    private readonly Func<Func<Task>, Task> _dispatch;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _disposed = new();
    private Task _drawing = Task.CompletedTask; // the last draw handed out: the next starts after it has finished
    private long? _lastDraw;
    private int _scheduled; // the generation of the draw that waits for the interval; 0: none waits
    private int _generation;

    /// <param name="draw">Draws the points, by run, in the order they arrived.</param>
    /// <param name="dispatch">The component's InvokeAsync, for the draws that a timer starts; it must log its own failures.</param>
    public LivePointBuffer(TimeSpan interval, Func<IReadOnlyDictionary<int, IReadOnlyList<MetricPoint>>, Task> draw,
        Func<Func<Task>, Task> dispatch, TimeProvider? time = null)
    {
        _interval = interval;
        _draw = draw;
        _dispatch = dispatch;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How many points wait to be drawn.</summary>
    public int Pending => _pending.Values.Sum(p => p.Count);

    public Task AddAsync(int runId, IReadOnlyList<MetricPoint> points)
    {
        if (points.Count == 0 || _disposed.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        if (!_pending.TryGetValue(runId, out var pending))
        {
            _pending[runId] = pending = [];
        }

        pending.AddRange(points);
        if (_scheduled != 0)
        {
            return Task.CompletedTask;
        }

        var wait = _lastDraw is { } last ? _interval - _time.GetElapsedTime(last) : TimeSpan.Zero;
        if (wait <= TimeSpan.Zero)
        {
            return DrawNowAsync();
        }

        _scheduled = ++_generation;
        _ = DrawLaterAsync(wait, _scheduled);
        return Task.CompletedTask;
    }

    /// <summary>Draws whatever waits now, e.g. when a run ends: its last points need not wait for the timer.</summary>
    public Task DrawNowAsync()
    {
        _scheduled = 0;
        if (_pending.Count == 0 || _disposed.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        _lastDraw = _time.GetTimestamp();
        var points = _pending.ToDictionary(p => p.Key, p => (IReadOnlyList<MetricPoint>)p.Value);
        _pending.Clear();
        _drawing = DrawAfterAsync(_drawing, points);
        return _drawing;
    }

    // One draw at a time, in order: a draw awaits the browser chart by chart, and a second one started meanwhile (a run's
    // status changed, the timer fired) overtook it on some charts, so a line got steps 10-11 before 6-9 (LiveChartsE2ETests).
    private async Task DrawAfterAsync(Task previous, IReadOnlyDictionary<int, IReadOnlyList<MetricPoint>> points)
    {
        try
        {
            await previous;
        }
        catch
        {
            // That draw's failure went to its own caller, who logs it; this draw still runs.
        }

        await _draw(points);
    }

    private async Task DrawLaterAsync(TimeSpan wait, int generation)
    {
        try
        {
            await Task.Delay(wait, _time, _disposed.Token).ConfigureAwait(false); // _dispatch returns to the dispatcher
        }
        catch (OperationCanceledException)
        {
            return; // the page has gone
        }

        // A draw that happened meanwhile (DrawNowAsync) took these points, and a later wait has its own generation.
        await _dispatch(() => _scheduled == generation ? DrawNowAsync() : Task.CompletedTask);
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
