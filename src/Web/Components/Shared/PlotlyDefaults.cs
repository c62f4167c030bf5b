using Plotly.Blazor;
using PL = Plotly.Blazor.LayoutLib;
using PlotLayout = Plotly.Blazor.Layout;

namespace Forgetless.Web.Components.Shared;

/// <summary>The charts' shared look: transparent background, light grid, system font, legend below.</summary>
public static class PlotlyDefaults
{
    public static Config Config() => new()
    {
        Responsive = true,
        DisplayLogo = false,
        DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.Hover,
    };

    public static PlotLayout Layout(string xTitle, string yTitle, int height, bool logY = false) => new()
    {
        Height = height,
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        Font = new PL.Font { Family = "Inter, Segoe UI, system-ui, sans-serif", Size = 12, Color = "#374151" },
        Margin = new PL.Margin { L = 56, R = 16, T = 12, B = 48 },
        HoverMode = PL.HoverModeEnum.Closest,
        ShowLegend = true,
        Legend = [new PL.Legend { Orientation = PL.LegendLib.OrientationEnum.H, Y = -0.3m, Font = new PL.LegendLib.Font { Size = 11 } }],
        XAxis = [new PL.XAxis { Title = new PL.XAxisLib.Title { Text = xTitle }, GridColor = "#eef0f4", ZeroLine = false, LineColor = "#d1d5db" }],
        YAxis = [new PL.YAxis
        {
            Title = new PL.YAxisLib.Title { Text = yTitle }, GridColor = "#eef0f4", ZeroLine = false, LineColor = "#d1d5db",
            Type = logY ? PL.YAxisLib.TypeEnum.Log : PL.YAxisLib.TypeEnum.Linear,
        }],
    };
}
