using Forgetless.Web.Components.Shared.Charting;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using PlotLayout = Plotly.Blazor.Layout;

namespace Forgetless.Web.Components.Shared;

/// <summary>f_DPO (x) against f_SFT (y), both held-out losses; lower-left is better, the ideal point is the corner.</summary>
public sealed partial class TradeOffPlane
{
    private readonly Config _config = PlotlyDefaults.Config();
    private readonly IList<ITrace> _data = new List<ITrace>();
    private PlotLayout _layout = new();
    private PlotlyChart? _chart;
    private IReadOnlyList<ChartPoint> _front = [];
    private bool _chartReady;
    private string _drawn = "";

    [Parameter, EditorRequired] public string Id { get; set; } = "";
    [Parameter] public IReadOnlyList<TradeOffRun> Runs { get; set; } = [];
    [Parameter] public ChartPoint? Ideal { get; set; }
    [Parameter] public int Height { get; set; } = 420;

    protected override void OnInitialized() =>
        _layout = PlotlyDefaults.Layout("held-out f_DPO (preference loss) →", "held-out f_SFT (SFT loss) →", Height);

    protected override async Task OnParametersSetAsync()
    {
        var fingerprint = $"{Ideal}|{string.Join(',', Runs.Select(r => $"{r.Key}:{r.Trajectory.Count}"))}";
        if (fingerprint == _drawn)
        {
            return;
        }

        _drawn = fingerprint;
        Rebuild();
        if (_chartReady)
        {
            await _chart!.React();
        }
    }

    private void Rebuild()
    {
        _data.Clear();
        var finals = new List<ChartPoint>();
        foreach (var run in Runs.Where(r => r.Trajectory.Count > 0))
        {
            _data.Add(Line(run.Name, run.Color, run.Trajectory, ModeFlag.Lines | ModeFlag.Markers, width: 1.5, size: 4,
                opacity: 0.55m, legendGroup: run.Key, showLegend: false));
            var final = run.Trajectory[^1];
            finals.Add(final);
            _data.Add(Line(run.Name, run.Color, [final], ModeFlag.Markers, width: 0, size: 13, opacity: 1,
                legendGroup: run.Key, showLegend: true));
        }

        _front = ParetoFront.Of(finals);
        if (_front.Count > 1)
        {
            var front = Line("Pareto front (final points)", "#111827", _front, ModeFlag.Lines, width: 1.5, size: 0, opacity: 0.8m,
                legendGroup: "front", showLegend: true);
            front.Line.Dash = "dash";
            front.Line.Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv;
            _data.Add(front);
        }

        if (Ideal is { } ideal)
        {
            var star = Line("ideal point (f*_DPO, f*_SFT)", "#f59e0b", [ideal], ModeFlag.Markers, width: 0, size: 18, opacity: 1,
                legendGroup: "ideal", showLegend: true);
            star.Marker.Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.Star;
            _data.Add(star);
        }
    }

    private static Scatter Line(string name, string color, IReadOnlyList<ChartPoint> points, ModeFlag mode, double width,
        int size, decimal opacity, string legendGroup, bool showLegend) => new()
        {
            Name = name,
            Mode = mode,
            X = points.Select(p => (object)p.X).ToList(),
            Y = points.Select(p => (object)p.Y).ToList(),
            Line = new Line { Color = color, Width = (decimal)width },
            Marker = new Marker { Color = color, Size = size },
            Opacity = opacity,
            LegendGroup = legendGroup,
            ShowLegend = showLegend,
            HoverTemplate = name + "<br>f_DPO %{x:.4f}<br>f_SFT %{y:.4f}<extra></extra>",
        };

    private void OnChartRendered() => _chartReady = true;
}
