using MudBlazor;

namespace Forgetless.Web.Components.Layout;

/// <summary>
/// The product's look: a calm indigo/teal palette on a light canvas, or a slate one in dark mode (lighter accents, so
/// links and primary buttons keep their contrast), system fonts (no web fonts offline).
/// </summary>
public static class ForgetlessTheme
{
    private static readonly string[] FontStack =
        ["Inter", "Segoe UI", "system-ui", "-apple-system", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4f46e5",
            Secondary = "#0d9488",
            Tertiary = "#db2777",
            Info = "#0284c7",
            Success = "#16a34a",
            Warning = "#d97706",
            Error = "#dc2626",
            AppbarBackground = "#111827",
            AppbarText = "#f9fafb",
            Background = "#f5f6fa",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#374151",
            DrawerIcon = "#6b7280",
            TextPrimary = "#111827",
            TextSecondary = "#6b7280",
            LinesDefault = "#e5e7eb",
            TableLines = "#eef0f4",
            Divider = "#e5e7eb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#818cf8",
            Secondary = "#2dd4bf",
            Tertiary = "#f472b6",
            Info = "#38bdf8",
            Success = "#4ade80",
            Warning = "#fbbf24",
            Error = "#f87171",
            AppbarBackground = "#0b1120",
            AppbarText = "#f9fafb",
            Background = "#0f172a",
            Surface = "#1e293b",
            DrawerBackground = "#111827",
            DrawerText = "#e5e7eb",
            DrawerIcon = "#9ca3af",
            TextPrimary = "#f1f5f9",
            TextSecondary = "#a3b0c2",
            ActionDefault = "#cbd5e1",
            LinesDefault = "#334155",
            TableLines = "#2b3648",
            Divider = "#334155",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack, FontSize = ".875rem", LineHeight = "1.5" },
            H4 = new H4Typography { FontFamily = FontStack, FontSize = "1.75rem", FontWeight = "650", LetterSpacing = "-.02em" },
            H5 = new H5Typography { FontFamily = FontStack, FontSize = "1.25rem", FontWeight = "600", LetterSpacing = "-.01em" },
            H6 = new H6Typography { FontFamily = FontStack, FontSize = "1.05rem", FontWeight = "600" },
            Button = new ButtonTypography { FontFamily = FontStack, FontWeight = "600", TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px", DrawerWidthLeft = "232px" },
    };
}
