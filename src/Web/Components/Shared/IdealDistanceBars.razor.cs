using System.Globalization;
using Forgetless.Web.Components.Shared.Charting;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using PlotLayout = Plotly.Blazor.Layout;

namespace Forgetless.Web.Components.Shared;

/// <summary>Grouped bars: x = λ, one colour per schedule, height = distance of the final point to the ideal point.</summary>
public sealed partial class IdealDistanceBars
{
    private readonly Config _config = PlotlyDefaults.Config();
    private readonly IList<ITrace> _data = new List<ITrace>();
    private PlotLayout _layout = new();
    private PlotlyChart? _chart;
    private bool _chartReady;
    private string _drawn = "";

    [Parameter, EditorRequired] public string Id { get; set; } = "";
    [Parameter] public IReadOnlyList<IdealDistanceBar> Bars { get; set; } = [];
    [Parameter] public int Height { get; set; } = 320;

    protected override void OnInitialized()
    {
        _layout = PlotlyDefaults.Layout("λ (weight on DPO)", "ideal distance ↓", Height);
        _layout.BarMode = Plotly.Blazor.LayoutLib.BarModeEnum.Group;
        _layout.XAxis[0].Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category;
    }

    protected override async Task OnParametersSetAsync()
    {
        var fingerprint = string.Join(',', Bars.Select(b => $"{b.Schedule}:{b.Lambda}:{b.Distance:R}"));
        if (fingerprint == _drawn)
        {
            return;
        }

        _drawn = fingerprint;
        _data.Clear();
        foreach (var group in Bars.GroupBy(b => b.Schedule))
        {
            var bars = group.OrderBy(b => b.Lambda).ToList();
            _data.Add(new Bar
            {
                Name = SchedulePalette.DisplayName(group.Key),
                X = bars.Select(b => (object)Label(b.Lambda)).ToList(),
                Y = bars.Select(b => (object)b.Distance).ToList(),
                TextArray = bars.Select(b => b.Distance.ToString("0.000", CultureInfo.InvariantCulture)).ToList(),
                TextPosition = Plotly.Blazor.Traces.BarLib.TextPositionEnum.Outside,
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = bars[0].Color },
            });
        }

        if (_chartReady)
        {
            await _chart!.React();
        }
    }

    private static string Label(double lambda) => "λ = " + lambda.ToString("0.##", CultureInfo.InvariantCulture);

    private void OnChartRendered() => _chartReady = true;
}
