using Bunit;
using Forgetless.Web.Components.Layout;
using Microsoft.AspNetCore.Components;

namespace Forgetless.Web.Tests.Components.Layout;

/// <summary>The layout renders in the theme the request asked for, before any script runs, and the app bar's button switches it.</summary>
public sealed class MainLayoutThemeTests : BunitTestContext
{
    public MainLayoutThemeTests()
    {
        AddAuthorization();
        BeInteractive();
        JSInterop.SetupVoid("forgetlessTheme.remember", _ => true);
    }

    private IRenderedComponent<MainLayout> RenderLayout(ThemeSetting requested) => Render<MainLayout>(p => p
        .Add(l => l.RequestedTheme, requested)
        .Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "the page"))));

    [Fact]
    public void A_request_that_chose_dark_renders_dark_whatever_the_system_says()
    {
        var layout = RenderLayout(new ThemeSetting(ThemeChoice.Dark, SystemDark: false));

        Assert.Contains("fl-dark", layout.Find(".mud-layout").ClassList);
    }

    [Fact]
    public void The_app_bar_button_turns_a_light_page_dark_after_one_click_through_light()
    {
        var layout = RenderLayout(new ThemeSetting(ThemeChoice.System, SystemDark: false));
        Assert.Contains("fl-light", layout.Find(".mud-layout").ClassList);

        layout.Find("#theme-toggle").Click(); // system → light
        layout.Find("#theme-toggle").Click(); // light → dark

        Assert.Equal("Dark", layout.Find("#theme-toggle").GetAttribute("data-theme-choice"));
        Assert.Contains("fl-dark", layout.Find(".mud-layout").ClassList);
    }
}
