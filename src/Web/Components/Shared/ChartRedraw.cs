using Plotly.Blazor;

namespace Forgetless.Web.Components.Shared;

/// <summary>
/// Redraws (React) a chart whose traces and layout its component rebuilds in place, or runs a component's own update
/// of the browser's copy (<see cref="MultiRunLineChart"/>'s appends). PlotlyChart's first plot carries the data as it
/// was when it started drawing, and an update that lands before that plot is ready cannot reach the browser; so once
/// the first plot is up the whole data is sent once more, under the same gate as every later update: none between the
/// two is lost.
/// </summary>
public sealed class ChartRedraw : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Task _firstSync = Task.CompletedTask;
    private bool _ready;

    /// <summary>After a rebuild: redraws once the first plot is up; before that, the first plot's sync sends it.</summary>
    public Task RedrawAsync(PlotlyChart? chart) => UpdateAsync(ready => ready ? chart!.React() : Task.CompletedTask);

    /// <summary>
    /// Runs <paramref name="update"/> under the gate, told whether the first plot is up: before, it changes only the
    /// server's copy (the first plot's sync sends it); after, it also sends the change to the browser.
    /// </summary>
    public async Task UpdateAsync(Func<bool, Task> update)
    {
        await _gate.WaitAsync();
        try
        {
            await update(_ready);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The chart's <c>AfterRender</c>; <paramref name="invokeAsync"/> is the component's InvokeAsync.</summary>
    public void FirstPlotDrawn(PlotlyChart chart, Func<Func<Task>, Task> invokeAsync) => _firstSync = invokeAsync(async () =>
    {
        await _gate.WaitAsync();
        try
        {
            await chart.React();
            _ready = true;
        }
        finally
        {
            _gate.Release();
        }
    });

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _firstSync;
        }
        catch (Exception e) when (e is Microsoft.JSInterop.JSDisconnectedException or TaskCanceledException)
        {
            // The browser left before the first plot was synced: nothing to draw any more.
        }

        _gate.Dispose();
    }
}
