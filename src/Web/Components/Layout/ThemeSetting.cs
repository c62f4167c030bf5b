namespace Forgetless.Web.Components.Layout;

/// <summary>What the user picked in the app bar's theme button.</summary>
public enum ThemeChoice
{
    System,
    Light,
    Dark,
}

/// <summary>
/// The theme a page renders in: the user's choice and whether their system is dark. Both travel in cookies (written by
/// the script in App.razor's head), so a reload renders in the right theme straight away instead of flashing light first.
/// </summary>
public sealed record ThemeSetting(ThemeChoice Choice, bool SystemDark)
{
    public const string ChoiceCookie = "fl-theme";
    public const string SystemDarkCookie = "fl-system-dark";

    public static ThemeSetting Default { get; } = new(ThemeChoice.System, false);

    public bool IsDark => Choice == ThemeChoice.Dark || (Choice == ThemeChoice.System && SystemDark);

    /// <summary>The next choice of the app bar's button: system → light → dark → system.</summary>
    public ThemeChoice NextChoice => Choice switch
    {
        ThemeChoice.System => ThemeChoice.Light,
        ThemeChoice.Light => ThemeChoice.Dark,
        _ => ThemeChoice.System,
    };

    /// <summary>From the two cookies' values; anything unknown means "follow the system".</summary>
    public static ThemeSetting From(string? choice, string? systemDark) => new(
        choice?.ToLowerInvariant() switch
        {
            "light" => ThemeChoice.Light,
            "dark" => ThemeChoice.Dark,
            _ => ThemeChoice.System,
        },
        systemDark == "1");

    public static string Describe(ThemeChoice choice) => choice switch
    {
        ThemeChoice.Light => "light",
        ThemeChoice.Dark => "dark",
        _ => "follows the system",
    };
}
