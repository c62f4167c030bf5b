using Forgetless.Web.Components.Shared.Charting;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using PlotLayout = Plotly.Blazor.Layout;

namespace Forgetless.Web.Components.Shared;

/// <summary>
/// A metric over steps for many runs. Lines are downsampled (LTTB) to <see cref="MaxPointsPerLine"/> and smoothed
/// (EMA) on the server; live points are appended with <see cref="AppendAsync"/> without re-rendering the chart.
/// </summary>
public sealed partial class MultiRunLineChart : IAsyncDisposable
{
    private readonly Dictionary<string, (LiveSeries Series, Scatter Trace)> _lines = [];
    private readonly ChartRedraw _redraw = new();
    private readonly Config _config = PlotlyDefaults.Config();
    private readonly IList<ITrace> _data = new List<ITrace>();
    private PlotLayout _layout = new();
    private PlotlyChart? _chart;
    private double _appliedSmoothing;
    private int _totalRaw;

    [Parameter, EditorRequired] public string Id { get; set; } = "";
    [Parameter] public string XTitle { get; set; } = "step";
    [Parameter] public string YTitle { get; set; } = "";
    [Parameter] public int Height { get; set; } = 320;
    [Parameter] public bool LogY { get; set; }
    [Parameter] public bool Markers { get; set; }
    [Parameter] public int MaxPointsPerLine { get; set; } = 1000;
    [Parameter] public double Smoothing { get; set; }
    [Parameter] public string EmptyText { get; set; } = "Waiting for the first points…";

    /// <summary>A fixed y range (e.g. 0–1 for an accuracy): autorange on values that barely vary labels ticks 0.99999999.</summary>
    [Parameter] public (double Min, double Max)? YRange { get; set; }

    /// <summary>The lines as loaded (e.g. from the database); later points come through <see cref="AppendAsync"/>.</summary>
    [Parameter] public IReadOnlyList<ChartSeries> Series { get; set; } = [];

    /// <summary>How many raw points the chart has received in all (for tests and the page's status).</summary>
    public int TotalPoints => _totalRaw;

    protected override void OnInitialized()
    {
        _layout = PlotlyDefaults.Layout(XTitle, YTitle, Height, LogY);
        if (YRange is var (min, max))
        {
            _layout.YAxis[0].Range = [min, max];
        }
        _appliedSmoothing = Smoothing;
        foreach (var series in Series)
        {
            AddLine(series.Key, series.Name, series.Style, series.Points, addToData: true);
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (Smoothing != _appliedSmoothing)
        {
            _appliedSmoothing = Smoothing;
            await ResmoothAsync();
        }
    }

    /// <summary>Appends live points; unknown keys become new lines. Safe to call before the chart has drawn.</summary>
    public async Task AppendAsync(IReadOnlyList<SeriesAppend> appends)
    {
        await _redraw.UpdateAsync(ready => AppendAsync(appends, ready));
        StateHasChanged();
    }

    // Before the first plot is up, only the server's copy changes (ready is false); after, the browser's copy too.
    private async Task AppendAsync(IReadOnlyList<SeriesAppend> appends, bool ready)
    {
        var extendX = new List<IEnumerable<object>>();
        var extendY = new List<IEnumerable<object>>();
        var indices = new List<int>();
        var redraw = false;
        foreach (var append in appends.Where(a => a.Points.Count > 0))
        {
            if (!_lines.ContainsKey(append.Key))
            {
                var (_, trace) = AddLine(append.Key, append.Name, append.Style, [], addToData: !ready);
                if (ready)
                {
                    await _chart!.AddTrace(trace); // adds it to _data too: the chart holds the same list
                }
            }

            var (series, line) = _lines[append.Key];
            var before = series.Raw.Count;
            var update = series.Append(append.Points);
            _totalRaw += series.Raw.Count - before; // points the line already had are left out
            if (!update.Redraw && update.Points.Count == 0)
            {
                continue;
            }

            if (update.Redraw || !ready)
            {
                Replace(line, update.Redraw ? update.Points : [.. Display(line), .. update.Points]);
                redraw |= update.Redraw;
            }
            else
            {
                extendX.Add(update.Points.Select(p => (object)p.X).ToArray());
                extendY.Add(update.Points.Select(p => (object)p.Y).ToArray());
                indices.Add(IndexOf(line));
            }
        }

        if (ready && indices.Count > 0)
        {
            await _chart!.ExtendTraces(extendX, extendY, indices);
        }

        if (ready && redraw)
        {
            await _chart!.React();
        }
    }

    private Task ResmoothAsync() => _redraw.UpdateAsync(async ready =>
    {
        foreach (var (series, trace) in _lines.Values)
        {
            Replace(trace, series.Resmooth(_appliedSmoothing));
        }

        if (ready)
        {
            await _chart!.React();
        }
    });

    private (LiveSeries, Scatter) AddLine(string key, string name, LineStyle style, IReadOnlyList<ChartPoint> points, bool addToData)
    {
        var series = new LiveSeries(MaxPointsPerLine, _appliedSmoothing);
        var trace = new Scatter
        {
            Name = name,
            Meta = key, // which line is which in the browser's copy (tests read it)
            Mode = Markers && !style.Faint ? ModeFlag.Lines | ModeFlag.Markers : ModeFlag.Lines,
            Line = new Line { Color = style.Color, Width = style.Faint ? 1 : 2, Dash = style.Dash },
            Marker = new Marker { Color = style.Color, Size = 5 },
            Opacity = style.Faint ? 0.3m : 1,
            LegendGroup = style.Group ?? key,
            ShowLegend = !style.Faint,
            X = new List<object>(),
            Y = new List<object>(),
        };
        var update = series.Append(points);
        _totalRaw += points.Count;
        Replace(trace, update.Points);
        _lines[key] = (series, trace);
        if (addToData)
        {
            _data.Add(trace);
        }

        return (series, trace);
    }

    // By reference: Plotly.Blazor's traces compare by value, so two lines with equal contents would share an index.
    private int IndexOf(Scatter trace)
    {
        for (var i = 0; i < _data.Count; i++)
        {
            if (ReferenceEquals(_data[i], trace))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Line '{trace.Name}' is not in chart '{Id}'.");
    }

    private static IEnumerable<ChartPoint> Display(Scatter trace) =>
        ((List<object>)trace.X).Zip((List<object>)trace.Y, (x, y) => new ChartPoint((double)x, (double)y));

    private static void Replace(Scatter trace, IEnumerable<ChartPoint> points)
    {
        var shown = points.ToList();
        trace.X = shown.Select(p => (object)p.X).ToList();
        trace.Y = shown.Select(p => (object)p.Y).ToList();
    }

    // The first plot carries _data as it was when the chart started drawing; lines and points that arrived before it
    // finished went into _data only. It is sent whole once, under the gate, before appends address the browser's copy
    // by index (otherwise every later line's ExtendTraces named an index the browser did not have).
    private void OnChartRendered() => _redraw.FirstPlotDrawn(_chart!, InvokeAsync);

    public ValueTask DisposeAsync() => _redraw.DisposeAsync();
}
