using Microsoft.Playwright;

namespace Forgetless.Web.Tests.E2E;

/// <summary>Debian's Chromium driven by Playwright's bundled driver, offline; screenshots go to the artifacts folder.</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public List<string> ConsoleErrors { get; } = [];

    public static void SkipUnlessChromium() =>
        Skip.IfNot(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: ./forgetless test installs Debian's chromium for the browser tests.");

    public static async Task<Browser> LaunchAsync(string baseUrl)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000); // sized for a loaded 2-core machine: every wait is for something the user sees
        page.SetDefaultNavigationTimeout(180_000);
        var session = new Browser(playwright, browser, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.ConsoleErrors.Add(message.Text);
            }
        };
        return session;
    }

    /// <summary>Opens a page and waits until the circuit is interactive (clicks before that are lost).</summary>
    public async Task GoToAsync(string path)
    {
        await Page.GotoAsync(path);
        await Page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(ArtifactsFolder(), "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private static string ArtifactsFolder() =>
        Environment.GetEnvironmentVariable("FORGETLESS_ARTIFACTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(RepositoryRoot(), "artifacts");

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WebApp.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
