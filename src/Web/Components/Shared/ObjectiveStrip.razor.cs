using Forgetless.Web.Components.Shared.Charting;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using PlotLayout = Plotly.Blazor.Layout;

namespace Forgetless.Web.Components.Shared;

/// <summary>
/// A heat strip of the share of DPO in each bin of steps, one row per run (the chart grows with the runs);
/// Sequential shows its phase switch. A run shorter than <see cref="Bins"/> gets one bin per step, not a barcode of
/// empty bins. Pale and deep blue are no schedule's colour, so the strip never reads as a run's.
/// </summary>
public sealed partial class ObjectiveStrip : IAsyncDisposable
{
    private readonly Config _config = PlotlyDefaults.Config();
    private readonly IList<ITrace> _data = new List<ITrace>();
    private PlotLayout _layout = new();
    private PlotlyChart? _chart;
    private readonly ChartRedraw _redraw = new();
    private int _bins;
    private string _drawn = "";

    [Parameter, EditorRequired] public string Id { get; set; } = "";
    [Parameter] public IReadOnlyList<ObjectiveRow> Rows { get; set; } = [];
    [Parameter] public int Bins { get; set; } = 200;

    protected override void OnInitialized()
    {
        _layout = PlotlyDefaults.Layout("step", "", Height(Rows.Count));
        _layout.ShowLegend = false;
        _layout.Margin.L = 200; // room for "Sequential SFT→DPO λ=0.25"
        // Rows are run names: a category axis (the shared default is linear, which draws nothing here).
        _layout.YAxis[0].Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category;
        _layout.YAxis[0].AutoRange = Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed;
        _layout.YAxis[0].ShowGrid = false;
    }

    protected override async Task OnParametersSetAsync()
    {
        var fingerprint = string.Join(',', Rows.Select(r => $"{r.Name}:{r.ObjectiveByStep.Count}"));
        if (fingerprint == _drawn)
        {
            return;
        }

        _drawn = fingerprint;
        // Steps are 0-based: a run of n steps reports steps 0 … n − 1.
        var steps = Rows.SelectMany(r => r.ObjectiveByStep).Select(p => p.X + 1).DefaultIfEmpty(1).Max();
        var bins = _bins = BinCount(steps, Bins);
        var width = steps / bins;
        _data.Clear();
        _data.Add(new HeatMap
        {
            Z = Rows.Select(r => (object)ObjectiveBins.DpoShare(r.ObjectiveByStep, steps, bins)).ToList(),
            X = Enumerable.Range(0, bins).Select(b => (object)Math.Round((b + 0.5) * width, 1)).ToList(),
            Y = Rows.Select(r => (object)r.Name).ToList(),
            ZMin = 0,
            ZMax = 1,
            ColorScale = new List<object> { new object[] { 0, SftColor }, new object[] { 0.5, "#94a3b8" }, new object[] { 1, DpoColor } },
            ShowScale = false,
            YGap = 3,
            HoverTemplate = "%{y}<br>step ≈ %{x}<br>DPO share %{z:.0%}<extra></extra>",
        });
        _layout.Height = Height(Rows.Count);
        await _redraw.RedrawAsync(_chart);
    }

    /// <summary>The objectives' colours: both read on a light and on a dark card.</summary>
    public const string SftColor = "#7dd3fc", DpoColor = "#1e40af";

    /// <summary>Room for every row: the plot's own height and its box grow together (a fixed box once hid rows).</summary>
    internal static int Height(int rows) => 70 + Math.Max(rows, 1) * 26;

    /// <summary>At most <paramref name="maxBins"/>, and never more bins than steps.</summary>
    internal static int BinCount(double steps, int maxBins) => Math.Clamp((int)Math.Ceiling(steps), 1, maxBins);

    private void OnChartRendered() => _redraw.FirstPlotDrawn(_chart!, InvokeAsync);

    public ValueTask DisposeAsync() => _redraw.DisposeAsync();
}
