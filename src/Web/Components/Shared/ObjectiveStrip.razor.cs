using Forgetless.Web.Components.Shared.Charting;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using PlotLayout = Plotly.Blazor.Layout;

namespace Forgetless.Web.Components.Shared;

/// <summary>A heat strip of the share of DPO in each bin of steps, per run; Sequential shows its phase switch.</summary>
public sealed partial class ObjectiveStrip
{
    private readonly Config _config = PlotlyDefaults.Config();
    private readonly IList<ITrace> _data = new List<ITrace>();
    private PlotLayout _layout = new();
    private PlotlyChart? _chart;
    private bool _chartReady;
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
        var lastStep = Rows.SelectMany(r => r.ObjectiveByStep).Select(p => p.X).DefaultIfEmpty(1).Max();
        var width = Math.Max(lastStep, 1) / Bins;
        _data.Clear();
        _data.Add(new HeatMap
        {
            Z = Rows.Select(r => (object)ObjectiveBins.DpoShare(r.ObjectiveByStep, lastStep, Bins)).ToList(),
            X = Enumerable.Range(0, Bins).Select(b => (object)Math.Round((b + 0.5) * width, 1)).ToList(),
            Y = Rows.Select(r => (object)r.Name).ToList(),
            ZMin = 0,
            ZMax = 1,
            ColorScale = new List<object> { new object[] { 0, "#14b8a6" }, new object[] { 0.5, "#e0e7ff" }, new object[] { 1, "#4f46e5" } },
            ShowScale = false,
            YGap = 3,
            HoverTemplate = "%{y}<br>step ≈ %{x}<br>DPO share %{z:.0%}<extra></extra>",
        });
        _layout.Height = Height(Rows.Count);
        if (_chartReady)
        {
            await _chart!.React();
        }
    }

    internal static int Height(int rows) => 70 + Math.Max(rows, 1) * 22;

    private void OnChartRendered() => _chartReady = true;
}
