using Bunit;
using Forgetless.Web.Components.Layout;

namespace Forgetless.Web.Tests.Components.Layout;

/// <summary>Dark mode: the cookies decide the first render, the app bar's button cycles system → light → dark and remembers it.</summary>
public sealed class ThemeTests : BunitTestContext
{
    public ThemeTests() => BeInteractive();

    [Theory]
    [InlineData(null, null, ThemeChoice.System, false)]
    [InlineData(null, "1", ThemeChoice.System, true)]
    [InlineData("light", "1", ThemeChoice.Light, false)]
    [InlineData("dark", "0", ThemeChoice.Dark, true)]
    [InlineData("DARK", null, ThemeChoice.Dark, true)]
    [InlineData("purple", "1", ThemeChoice.System, true)]
    public void The_cookies_decide_the_theme_and_the_system_decides_when_the_user_has_not(string? choice, string? systemDark, ThemeChoice expected, bool dark)
    {
        var setting = ThemeSetting.From(choice, systemDark);

        Assert.Equal(expected, setting.Choice);
        Assert.Equal(dark, setting.IsDark);
    }

    [Fact]
    public void The_button_cycles_system_light_dark_and_stores_each_choice_in_the_browser()
    {
        JSInterop.SetupVoid("forgetlessTheme.remember", _ => true);
        var setting = new ThemeSetting(ThemeChoice.System, SystemDark: true);
        var toggle = Render<ThemeToggle>(p => p.Add(c => c.Setting, setting).Add(c => c.SettingChanged, (ThemeSetting s) => setting = s));
        var seen = new List<(ThemeChoice, bool)>();

        for (var i = 0; i < 3; i++)
        {
            toggle.Find("#theme-toggle").Click();
            toggle.Render(p => p.Add(c => c.Setting, setting));
            seen.Add((setting.Choice, setting.IsDark));
        }

        Assert.Equal([(ThemeChoice.Light, false), (ThemeChoice.Dark, true), (ThemeChoice.System, true)], seen);
        Assert.Equal(["light", "dark", "system"], JSInterop.Invocations["forgetlessTheme.remember"].Select(i => (string)i.Arguments[0]!));
        Assert.Equal("Theme: follows the system (click for light)", toggle.Find("#theme-toggle").GetAttribute("aria-label"));
    }

    [Fact]
    public void The_palette_has_a_dark_side_with_light_text_on_a_dark_surface()
    {
        var theme = ForgetlessTheme.Create();

        Assert.Equal("#1e293b", theme.PaletteDark.Surface.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex));
        Assert.Equal("#f1f5f9", theme.PaletteDark.TextPrimary.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex));
    }
}
