using System.Globalization;
using Forgetless.Web.Components.Shared.Charting;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using PlotLayout = Plotly.Blazor.Layout;

namespace Forgetless.Web.Components.Shared;

/// <summary>
/// Grouped bars: x = λ, one colour per schedule, height = distance of the final point to the ideal point (the mean over
/// seeds, with one standard deviation as an error bar).
/// </summary>
public sealed partial class IdealDistanceBars : IAsyncDisposable
{
    private readonly Config _config = PlotlyDefaults.Config();
    private readonly IList<ITrace> _data = new List<ITrace>();
    private PlotLayout _layout = new();
    private PlotlyChart? _chart;
    private readonly ChartRedraw _redraw = new();
    private string _drawn = "";

    [Parameter, EditorRequired] public string Id { get; set; } = "";
    [Parameter] public IReadOnlyList<IdealDistanceBar> Bars { get; set; } = [];
    [Parameter] public int Height { get; set; } = 320;

    /// <summary>Said while there are no bars: by default they are still coming; a page that will never have an ideal point says why.</summary>
    [Parameter] public string EmptyText { get; set; } = "Bars appear once the ideal point is known and schedules have been evaluated.";

    protected override void OnInitialized()
    {
        _layout = PlotlyDefaults.Layout("λ (weight on DPO)", "ideal distance ↓", Height);
        _layout.BarMode = Plotly.Blazor.LayoutLib.BarModeEnum.Group;
        _layout.XAxis[0].Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category;
    }

    protected override async Task OnParametersSetAsync()
    {
        var fingerprint = string.Join(',', Bars.Select(b => $"{b.Schedule}:{b.Lambda}:{b.Seed}:{b.Distance.Mean:R}:{b.Distance.Spread:R}"));
        if (fingerprint == _drawn)
        {
            return;
        }

        _drawn = fingerprint;
        _data.Clear();
        // One trace per schedule (per schedule and seed when single seeds are shown): its colour on every page.
        foreach (var group in Bars.GroupBy(b => (b.Schedule, b.Seed)))
        {
            var bars = group.OrderBy(b => b.Lambda).ToList();
            var color = SchedulePalette.ColorOf(group.Key.Schedule);
            var spread = bars.Any(b => b.Distance.Count > 1);
            _data.Add(new Bar
            {
                Name = SchedulePalette.DisplayName(group.Key.Schedule) + (group.Key.Seed is { } seed ? $" · seed {seed}" : ""),
                X = bars.Select(b => (object)Label(b.Lambda)).ToList(),
                Y = bars.Select(b => (object)b.Distance.Mean).ToList(),
                TextArray = bars.Select(Text).ToList(),
                TextPosition = Plotly.Blazor.Traces.BarLib.TextPositionEnum.Outside,
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = color, Opacity = group.Key.Seed is null ? 1 : 0.55m },
                ErrorY = spread
                    ? new Plotly.Blazor.Traces.BarLib.ErrorY { Array = bars.Select(b => (object)b.Distance.Spread).ToList(), Visible = true, Color = "#94a3b8" }
                    : null,
            });
        }

        await _redraw.RedrawAsync(_chart);
    }

    private static string Text(IdealDistanceBar bar) =>
        bar.Distance.Mean.ToString("0.000", CultureInfo.InvariantCulture)
        + (bar.Distance.Count > 1 ? " ± " + bar.Distance.Spread.ToString("0.000", CultureInfo.InvariantCulture) : "");

    private static string Label(double lambda) => "λ = " + lambda.ToString("0.##", CultureInfo.InvariantCulture);

    private void OnChartRendered() => _redraw.FirstPlotDrawn(_chart!, InvokeAsync);

    public ValueTask DisposeAsync() => _redraw.DisposeAsync();
}
