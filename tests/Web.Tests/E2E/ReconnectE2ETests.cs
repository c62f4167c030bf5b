using Microsoft.Playwright;

namespace Forgetless.Web.Tests.E2E;

/// <summary>
/// A page whose server goes away says so in a banner and retries every 3 s; once a restarted server answers that the
/// page's session is gone, the banner offers a reload, which brings the page back; when the server no longer knows the
/// page's sign-in, the banner says so and links to sign-in instead.
/// </summary>
[Trait("Category", "E2E")]
public class ReconnectE2ETests
{
    [SkippableFact]
    public async Task A_page_retries_every_3_seconds_while_the_server_is_down_and_offers_a_reload_after_it_restarts()
    {
        Browser.SkipUnlessChromium();
        // A real restart: the same data directory, so the database and the sign-in keys survive; only the circuit is gone.
        var dataDirectory = Path.Combine(Path.GetTempPath(), "forgetless-e2e-restart-" + Guid.NewGuid().ToString("N")[..8]);
        using var cleanup = new DeletesFolder(dataDirectory);
        await using var first = new KestrelAppFactory(train: false, dataDirectory: dataDirectory);
        var port = first.Port;
        await using var browser = await Browser.LaunchAsync(first.BaseUrl);
        var page = browser.Page;
        await page.GotoAsync("/account/login");
        await page.FillAsync("#name", "admin");
        await page.FillAsync("#password", first.AdminPassword());
        await page.ClickAsync("#sign-in");
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var banner = page.Locator("#components-reconnect-modal");
        Assert.False(await banner.IsVisibleAsync());

        await first.DisposeAsync(); // the server stops; the page stays open

        // Every line of the banner is always in the page; only the state's own shows (innerText leaves hidden ones out).
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await ShowsAsync(page, "Connection lost — retrying every 3 s…");
        // Blazor's default backs off to 0, 5 and 30 s between tries; here every wait counts down from 3.
        await page.Locator("#components-reconnect-current-attempt:text-is('2')").WaitForAsync();
        await page.Locator("#components-seconds-to-next-attempt:text-is('3')").WaitForAsync();
        Assert.True(await banner.IsVisibleAsync());

        await using var restarted = new KestrelAppFactory(train: false, port: port, dataDirectory: dataDirectory);

        var reload = page.Locator("#components-reload-button");
        await reload.WaitForAsync(); // the restarted server has no session for this page
        await ShowsAsync(page, "The server restarted");
        await reload.ClickAsync();
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached }); // still signed in, on a live page
        Assert.Contains("admin", await page.Locator("#signed-in-user").InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await banner.IsVisibleAsync());
    }

    private static Task ShowsAsync(IPage page, string text) => page.WaitForFunctionAsync(
        "text => document.getElementById('components-reconnect-modal').innerText.trim().startsWith(text)", text, new() { Timeout = 60_000 });

    [SkippableFact]
    public async Task A_page_whose_sign_in_was_lost_in_a_redeploy_says_so_within_seconds_and_signs_in_back_to_where_it_was()
    {
        Browser.SkipUnlessChromium();
        await using var first = new KestrelAppFactory(train: false);
        var port = first.Port;
        await using var browser = await Browser.LaunchAsync(first.BaseUrl);
        var page = browser.Page;
        await browser.SignInAsync("admin", first.AdminPassword());
        await browser.GoToAsync("/experiments");
        var banner = page.Locator("#components-reconnect-modal");

        await first.DisposeAsync();
        await Assertions.Expect(banner).ToBeVisibleAsync(); // "Connection lost — retrying…"
        // A redeploy onto a new data directory: new sign-in keys, so the page's cookie no longer opens a session.
        await using var redeployed = new KestrelAppFactory(train: false, port: port);

        // Seconds, not the 5 minutes of retries Blazor spends on a server that refuses it: its tries are 3 s apart.
        var signIn = page.Locator("#components-sign-in-link");
        await Assertions.Expect(signIn).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal("Your session ended — sign in again to continue here.", (await banner.InnerTextAsync()).Trim()); // nothing else of the banner shows
        Assert.Equal("/account/login?returnUrl=%2Fexperiments&reason=session", await signIn.GetAttributeAsync("href"));
        await browser.ScreenshotAsync("reconnect-session-ended");

        await signIn.ClickAsync();
        await Assertions.Expect(page.Locator("#sign-in-reason")).ToContainTextAsync("your session ended");
        await page.FillAsync("#name", "admin");
        await page.FillAsync("#password", redeployed.AdminPassword());
        await page.ClickAsync("#sign-in");

        await page.WaitForURLAsync(url => url.EndsWith("/experiments", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#signed-in-user")).ToHaveTextAsync("admin");
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.False(await banner.IsVisibleAsync());
    }
}

file sealed class DeletesFolder(string path) : IDisposable
{
    public void Dispose()
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; a temp folder left behind is harmless.
        }
    }
}
