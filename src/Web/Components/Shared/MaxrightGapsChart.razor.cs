using Forgetless.Web.Components.Shared.Charting;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using PlotLayout = Plotly.Blazor.Layout;

namespace Forgetless.Web.Components.Shared;

/// <summary>
/// s_SFT = (1−λ)(f_SFT − f*_SFT) and s_DPO = λ(f_DPO − f*_DPO) as MAXRIGHT saw them at each step (the larger one is
/// trained), in the objective strip's blue and slate, one dash per run's λ; dots mark the steps where both were re-evaluated.
/// </summary>
public sealed partial class MaxrightGapsChart : IAsyncDisposable
{
    private const int MaxPointsPerLine = 1000;

    // The strip's pale SFT blue, darkened: a thin pale line vanishes on white.
    private const string SftLineColor = "#0284c7";
    private const string DpoLineColor = "#a855f7"; // the strip's deep blue vanished on a dark card and sat too near the SFT line
    private readonly Config _config = PlotlyDefaults.Config();
    private readonly IList<ITrace> _data = new List<ITrace>();
    private PlotLayout _layout = new();
    private PlotlyChart? _chart;
    private readonly ChartRedraw _redraw = new();
    private string _drawn = "";

    [Parameter, EditorRequired] public string Id { get; set; } = "";
    [Parameter] public IReadOnlyList<MaxrightGapsRun> Runs { get; set; } = [];
    [Parameter] public int Height { get; set; } = 320;

    protected override void OnInitialized() => _layout = PlotlyDefaults.Layout("step", "weighted gap (nats)", Height);

    protected override async Task OnParametersSetAsync()
    {
        var fingerprint = string.Join(',', Runs.Select(r => $"{r.Name}:{r.SftGap.Count}:{r.DpoGap.Count}:{r.RefreshSteps.Count}"));
        if (fingerprint == _drawn)
        {
            return;
        }

        _drawn = fingerprint;
        _data.Clear();
        foreach (var run in Runs)
        {
            AddGap(run, "SFT gap s_SFT", SftLineColor, run.SftGap);
            AddGap(run, "DPO gap s_DPO", DpoLineColor, run.DpoGap);
        }

        await _redraw.RedrawAsync(_chart);
    }

    private void AddGap(MaxrightGapsRun run, string gap, string color, IReadOnlyList<ChartPoint> points)
    {
        var name = $"{run.Name} · {gap}";
        _data.Add(new Scatter
        {
            Name = name,
            Mode = ModeFlag.Lines,
            X = Downsampling.Lttb(points, MaxPointsPerLine).Select(p => (object)p.X).ToList(),
            Y = Downsampling.Lttb(points, MaxPointsPerLine).Select(p => (object)p.Y).ToList(),
            Line = new Line { Color = color, Width = 1.5m, Dash = run.Dash, Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv },
            LegendGroup = name,
            Meta = name,
            HoverTemplate = name + "<br>step %{x}<br>%{y:.4f}<extra></extra>",
        });
        var refreshed = run.RefreshSteps.ToHashSet();
        var dots = points.Where(p => refreshed.Contains(p.X)).ToList();
        _data.Add(new Scatter
        {
            Name = name + " (re-evaluated)",
            Mode = ModeFlag.Markers,
            X = dots.Select(p => (object)p.X).ToList(),
            Y = dots.Select(p => (object)p.Y).ToList(),
            Marker = new Marker { Color = color, Size = 6, Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Color = "#ffffff", Width = 1 } },
            LegendGroup = name,
            ShowLegend = false,
            Meta = name + " refresh",
            HoverTemplate = name + " re-evaluated<br>step %{x}<br>%{y:.4f}<extra></extra>",
        });
    }

    private void OnChartRendered() => _redraw.FirstPlotDrawn(_chart!, InvokeAsync);

    public ValueTask DisposeAsync() => _redraw.DisposeAsync();
}
