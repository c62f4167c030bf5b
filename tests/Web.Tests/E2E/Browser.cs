using Microsoft.Playwright;

namespace Forgetless.Web.Tests.E2E;

/// <summary>Debian's Chromium driven by Playwright's bundled driver, offline; screenshots go to the artifacts folder.</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private readonly string _baseUrl;

    private Browser(IPlaywright playwright, IBrowser browser, IPage page, string baseUrl)
    {
        _baseUrl = baseUrl;
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
        Assertions.SetDefaultExpectTimeout(120_000); // Expect(...) waits too, sized like the page's own waits below
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        var page = await NewPageAsync(browser, baseUrl);
        var session = new Browser(playwright, browser, page, baseUrl);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.ConsoleErrors.Add(message.Text);
            }
        };
        return session;
    }

    /// <summary>A second visitor: a page in a fresh browser context, so no cookies are shared with <see cref="Page"/>.</summary>
    public Task<IPage> NewVisitorAsync() => NewPageAsync(_browser, _baseUrl);

    private static async Task<IPage> NewPageAsync(IBrowser browser, string baseUrl)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000); // sized for a loaded 2-core machine: every wait is for something the user sees
        page.SetDefaultNavigationTimeout(180_000);
        return page;
    }

    /// <summary>Opens a page and waits until the circuit is interactive (clicks before that are lost).</summary>
    public Task GoToAsync(string path) => GoToAsync(Page, path);

    public static async Task GoToAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>Signs in on the sign-in form and waits for what the user then sees: their name on an interactive page.</summary>
    public Task SignInAsync(string name, string password) => SignInAsync(Page, name, password);

    public static async Task SignInAsync(IPage page, string name, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#name", name);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await Assertions.Expect(page.Locator("#signed-in-user")).ToHaveTextAsync(name);
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public Task ScreenshotAsync(string name) => ScreenshotAsync(Page, name);

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(ArtifactsFolder(), "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
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
