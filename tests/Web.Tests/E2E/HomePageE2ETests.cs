using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Forgetless.Web.Tests.E2E;

[Trait("Category", "E2E")]
public class HomePageE2ETests
{
    [SkippableFact]
    public async Task A_signed_in_newcomer_sees_the_idea_and_the_one_click_comparison()
    {
        Browser.SkipUnlessChromium();
        await using var app = new KestrelAppFactory();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);

        await browser.Page.GotoAsync("/"); // nothing is shown before sign-in: the visitor lands on the sign-in form
        await Assertions.Expect(browser.Page).ToHaveURLAsync(new Regex("/account/login"));
        await Assertions.Expect(browser.Page.Locator("#sign-in")).ToBeVisibleAsync();
        Assert.Equal(0, await browser.Page.Locator("#run-paper-comparison").CountAsync());
        await browser.SignInAsync("admin", app.AdminPassword());
        await browser.GoToAsync("/");

        Assert.Equal(3, await browser.Page.Locator("#idea li").CountAsync());
        Assert.True(await browser.Page.Locator("#run-paper-comparison").IsVisibleAsync());
        Assert.Contains("Forgetless", await browser.Page.Locator(".fl-brand").InnerTextAsync());
        await browser.ScreenshotAsync("home");
        Assert.Empty(browser.ConsoleErrors);
    }
}
