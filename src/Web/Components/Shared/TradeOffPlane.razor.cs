using System.Globalization;
using Forgetless.Web.Components.Shared.Charting;
using Forgetless.Web.Service.Queries;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using PlotLayout = Plotly.Blazor.Layout;

namespace Forgetless.Web.Components.Shared;

/// <summary>
/// f_DPO (x) against f_SFT (y), both held-out losses; lower-left is better, the ideal point is the corner. The
/// interpolation curve is what averaging the weights of the SFT-only and Sequential SFT→DPO models reaches without
/// any joint training: a joint schedule earns its keep only below and left of it.
/// </summary>
public sealed partial class TradeOffPlane : IAsyncDisposable
{
    private const string InterpolationColor = "#6b7280";
    private const string IdealColor = "#f59e0b";
    private readonly Config _config = PlotlyDefaults.Config();
    private readonly IList<ITrace> _data = new List<ITrace>();
    private PlotLayout _layout = new();
    private PlotlyChart? _chart;
    private IReadOnlyList<ChartPoint> _front = [];
    private readonly ChartRedraw _redraw = new();
    private string _drawn = "";

    [Parameter, EditorRequired] public string Id { get; set; } = "";
    [Parameter] public IReadOnlyList<TradeOffRun> Runs { get; set; } = [];

    /// <summary>The ideal point's stars (<see cref="PlaneIdeal.For"/>): one, or a seeds' mean with its spread and maybe each seed's own.</summary>
    [Parameter] public IReadOnlyList<PlaneIdeal> Ideals { get; set; } = [];
    [Parameter] public IReadOnlyList<InterpolationPoint> Interpolation { get; set; } = [];

    /// <summary>Both axes logarithmic: one diverged run no longer squashes the others into a corner.</summary>
    [Parameter] public bool LogAxes { get; set; }

    [Parameter] public int Height { get; set; } = 420;

    protected override void OnInitialized() =>
        _layout = PlotlyDefaults.Layout("held-out f_DPO (nats per pair) →", "held-out f_SFT (nats per token) →", Height);

    protected override async Task OnParametersSetAsync()
    {
        var fingerprint = $"{string.Join(',', Ideals)}|{LogAxes}|{string.Join(',', Runs.Select(r => $"{r.Key}:{r.Trajectory.Count}:{r.FinalDpo}"))}|"
            + string.Join(',', Interpolation.Select(p => $"{p.Seed}:{p.Alpha}"));
        if (fingerprint == _drawn)
        {
            return;
        }

        _drawn = fingerprint;
        var type = LogAxes ? Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear;
        _layout.XAxis[0].Type = type;
        _layout.YAxis[0].Type = LogAxes ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Linear;
        Rebuild();
        await _redraw.RedrawAsync(_chart);
    }

    private void Rebuild()
    {
        _data.Clear();
        var finals = new List<ChartPoint>();
        foreach (var run in Runs.Where(r => r.Trajectory.Count > 0))
        {
            var path = Line(run.Name, run.Style.Color, run.Trajectory, ModeFlag.Lines | ModeFlag.Markers, width: run.Style.Faint ? 1 : 1.5, size: 4,
                opacity: run.Style.Faint ? 0.25m : 0.55m, legendGroup: run.Key, showLegend: false);
            path.Line.Dash = run.Style.Dash;
            _data.Add(path);
            var final = run.Trajectory[^1];
            if (!run.Style.Faint)
            {
                finals.Add(final);
            }

            var end = Line(run.Name, run.Style.Color, [final], ModeFlag.Markers, width: 0, size: run.Style.Faint ? 7 : 13,
                opacity: run.Style.Faint ? 0.4m : 1, legendGroup: run.Key, showLegend: !run.Style.Faint);
            if (run.FinalDpo is { Count: > 1 } dpo && run.FinalSft is { } sft)
            {
                // The spread of the seeds' final points, one standard deviation each way.
                end.ErrorX = new ErrorX { Array = [dpo.Spread], Visible = true, Color = run.Style.Color };
                end.ErrorY = new ErrorY { Array = [sft.Spread], Visible = true, Color = run.Style.Color };
                end.HoverTemplate = run.Name + $"<br>f_DPO %{{x:.4f}} ± {dpo.Spread.ToString("0.0000", CultureInfo.InvariantCulture)}"
                    + $"<br>f_SFT %{{y:.4f}} ± {sft.Spread.ToString("0.0000", CultureInfo.InvariantCulture)}<extra></extra>";
            }

            _data.Add(end);
        }

        _front = ParetoFront.Of(finals);
        if (_front.Count > 1)
        {
            var front = Line("Pareto front (final points)", "#64748b", _front, ModeFlag.Lines, width: 1.5, size: 0, opacity: 0.8m,
                legendGroup: "front", showLegend: true);
            front.Line.Dash = "dash";
            front.Line.Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv;
            _data.Add(front);
        }

        foreach (var seed in Interpolation.GroupBy(p => p.Seed).OrderBy(g => g.Key))
        {
            _data.Add(InterpolationCurve(seed.OrderBy(p => p.Alpha).ToList(), showLegend: seed.Key == Interpolation.Min(p => p.Seed)));
        }

        var firstSeedStar = true;
        foreach (var ideal in Ideals)
        {
            _data.Add(Star(ideal, showLegend: !ideal.Faint || firstSeedStar));
            firstSeedStar &= !ideal.Faint;
        }
    }

    // A seed's own star is small and pale under the mean's; the legend names them once, the hover names the seed.
    private static Scatter Star(PlaneIdeal ideal, bool showLegend)
    {
        var star = Line(ideal.Faint ? "ideal point of each seed" : ideal.Name, IdealColor, [ideal.Point], ModeFlag.Markers, width: 0,
            size: ideal.Faint ? 11 : 18, opacity: ideal.Faint ? 0.5m : 1, legendGroup: ideal.Faint ? "ideal-seeds" : "ideal", showLegend);
        star.Marker.Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.Star;
        star.Meta = "ideal";
        star.HoverTemplate = ideal.Name + "<br>f*_DPO %{x:.4f}<br>f*_SFT %{y:.4f}<extra></extra>";
        if (ideal.Dpo.Count > 1)
        {
            star.ErrorX = new ErrorX { Array = [ideal.Dpo.Spread], Visible = true, Color = IdealColor };
            star.ErrorY = new ErrorY { Array = [ideal.Sft.Spread], Visible = true, Color = IdealColor };
            star.HoverTemplate = ideal.Name + $"<br>f*_DPO %{{x:.4f}} ± {ideal.Dpo.Spread.ToString("0.0000", CultureInfo.InvariantCulture)}"
                + $"<br>f*_SFT %{{y:.4f}} ± {ideal.Sft.Spread.ToString("0.0000", CultureInfo.InvariantCulture)}<extra></extra>";
        }

        return star;
    }

    // α = 0 is the SFT-only model, α = 1 the Sequential SFT→DPO end model; each point is labelled with its α.
    private static Scatter InterpolationCurve(IReadOnlyList<InterpolationPoint> points, bool showLegend)
    {
        const string name = "weight averaging SFT-only ↔ Sequential (baseline)";
        var curve = Line(name, InterpolationColor, points.Select(p => new ChartPoint(p.EvalDpoLoss, p.EvalSftLoss)).ToList(),
            ModeFlag.Lines | ModeFlag.Markers | ModeFlag.Text, width: 1.5, size: 6, opacity: 0.9m, legendGroup: "interpolation", showLegend: showLegend);
        curve.Line.Dash = "dot";
        curve.Marker.Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.Diamond;
        curve.TextArray = points.Select(p => "α=" + p.Alpha.ToString("0.##", CultureInfo.InvariantCulture)).ToList();
        curve.TextPosition = TextPositionEnum.TopRight;
        curve.TextFont = new TextFont { Size = 10, Color = InterpolationColor };
        curve.Meta = "interpolation";
        curve.HoverTemplate = "weight averaging, %{text}<br>f_DPO %{x:.4f}<br>f_SFT %{y:.4f}<extra></extra>";
        return curve;
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

    private void OnChartRendered() => _redraw.FirstPlotDrawn(_chart!, InvokeAsync);

    public ValueTask DisposeAsync() => _redraw.DisposeAsync();
}
