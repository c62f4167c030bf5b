using Microsoft.Playwright;

namespace Forgetless.Web.Tests.E2E;

/// <summary>
/// Every page as a user sees it, in light mode, in dark mode (the system's, followed) and at a phone's 390 px: each renders
/// its main heading with no console error, nothing runs off a phone's screen, and with FORGETLESS_ARTIFACTS set each is
/// saved as a PNG under screenshots/walk-* for a person to look at.
/// </summary>
[Trait("Category", "E2E")]
public class ScreenshotWalkE2ETests
{
    private const float Minutes = 60_000;

    private sealed record Stop(string Name, string Path, string Heading, bool Interactive = true, string? DrawnFirst = null);

    [SkippableFact]
    public async Task Every_page_renders_its_heading_in_light_and_dark_mode_and_fits_a_phone()
    {
        Browser.SkipUnlessChromium();
        await using var app = new KestrelAppFactory(seedDemoData: true);
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;

        await page.GotoAsync("/account/login");
        await SaveAsync(page, "walk-sign-in-anonymous");
        await page.FillAsync("#name", "admin");
        await page.FillAsync("#password", app.AdminPassword());
        await page.ClickAsync("#sign-in");
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        var (experimentId, runIds) = await SeedFinishedExperimentAsync(page, app.BaseUrl);
        Stop[] stops =
        [
            new("home", "/", "Post-train with SFT and DPO"),
            new("datasets", "/datasets", "Datasets"),
            new("models", "/models", "Models"),
            new("new-experiment", "/experiments/new", "New experiment"),
            new("experiments", "/experiments", "Experiments"),
            new("experiment", $"/experiments/{experimentId}", "Walk", DrawnFirst: "#chart-eval-sft .main-svg"),
            new("run", $"/runs/{runIds[0]}", "", DrawnFirst: ".js-plotly-plot .main-svg"),
            new("compare", $"/compare?runs={string.Join(',', runIds)}", $"Compare {runIds.Count} runs"),
            new("samples", "/samples", "Samples"),
            new("workers", "/workers", "Workers"),
            new("users", "/admin/users", "Users"),
            new("tokens", "/account/tokens", "API tokens"),
            new("sign-in", "/account/login", "Sign in to Forgetless", Interactive: false),
            new("not-found", "/no-such-page", "Nothing here"),
        ];

        var overflowing = new List<string>();
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await WalkAsync(page, stops, "light", overflowing);

        // Dark: the system's preference is followed without any choice made; the datasets page opens its preview.
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await WalkAsync(page, stops, "dark", overflowing);
        await Browser.GoToAsync(page, $"/experiments/{experimentId}");
        await page.Locator("#chart-eval-sft .xtick text").First.WaitForAsync();
        Assert.Equal("rgb(241, 245, 249)", await page.EvalOnSelectorAsync<string>("#chart-eval-sft .xtick text", "t => getComputedStyle(t).fill"));
        // Rendered dark by the server from the cookie the page's script left: no light flash on the next load.
        Assert.Contains("fl-dark", await (await page.APIRequest.GetAsync("/workers")).TextAsync());

        // The app bar's button overrides the system, and the choice survives a reload.
        await page.ClickAsync("#theme-toggle");
        await page.Locator(".mud-layout.fl-light").WaitForAsync();
        await Browser.GoToAsync(page, "/workers");
        await page.Locator(".mud-layout.fl-light").WaitForAsync();
        await page.ClickAsync("#theme-toggle"); // light → dark
        await page.ClickAsync("#theme-toggle"); // dark → follows the system again
        await page.Locator("#theme-toggle[data-theme-choice='System']").WaitForAsync();

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.SetViewportSizeAsync(390, 844);
        await WalkAsync(page, stops, "390px", overflowing);

        Assert.Empty(overflowing);
        Assert.DoesNotContain(browser.ConsoleErrors, e => !e.Contains("404 (Not Found)", StringComparison.Ordinal)); // the 404 page's own status
    }

    private static async Task WalkAsync(IPage page, IEnumerable<Stop> stops, string mode, List<string> overflowing)
    {
        foreach (var stop in stops)
        {
            var response = await page.GotoAsync(stop.Path);
            Assert.Equal(stop.Name == "not-found" ? 404 : 200, response!.Status);
            if (stop.Interactive)
            {
                await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                await page.Locator($".mud-layout.fl-{(mode == "dark" ? "dark" : "light")}").WaitForAsync();
            }

            await Assertions.Expect(page.Locator("h1").First).ToContainTextAsync(stop.Heading);
            if (stop.DrawnFirst is { } drawn) await page.Locator(drawn).First.WaitForAsync(new() { Timeout = 2 * Minutes });
            if (stop.Name == "datasets")
            {
                await page.Locator("#datasets-table tbody tr").First.ClickAsync();
                await page.Locator(".preview-row .expand-cell").First.ClickAsync();
                await page.Locator(".rendered-prompt").First.WaitForAsync();
            }

            if (mode == "390px" && await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"))
            {
                overflowing.Add(stop.Name);
            }

            await SaveAsync(page, $"walk-{mode}-{stop.Name}");
        }
    }

    /// <summary>Alright and MAXRIGHT at λ = 0.5 with their two optima on the demo data, 6 steps each: finished in seconds.</summary>
    private static async Task<(int ExperimentId, IReadOnlyList<int> RunIds)> SeedFinishedExperimentAsync(IPage page, string baseUrl)
    {
        var datasets = (await (await page.APIRequest.GetAsync("/api/datasets")).JsonAsync())!.Value.EnumerateArray().ToList();
        int IdOf(string kind) => datasets.First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();
        var created = await page.APIRequest.PostAsync("/api/experiments", new()
        {
            Headers = new Dictionary<string, string> { ["Origin"] = baseUrl },
            DataObject = new
            {
                name = "Walk", sftDatasetId = IdOf("Sft"), preferenceDatasetId = IdOf("Preference"), schedules = new[] { "alright", "maxright" },
                lambdas = new[] { 0.5 }, seedCount = 1, hyperparameters = new { steps = 6, evalInterval = 2, maxLength = 32 },
            },
        });
        Assert.Equal(201, created.Status);
        var experiment = (await created.JsonAsync())!.Value;
        var id = experiment.GetProperty("id").GetInt32();
        var runs = experiment.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList();

        // Finished as the user sees it: every run card on the experiment's page says Completed.
        await Browser.GoToAsync(page, $"/experiments/{id}");
        await Assertions.Expect(page.Locator(".fl-run-card[data-status='Completed']")).ToHaveCountAsync(runs.Count, new() { Timeout = 5 * Minutes });
        return (id, runs);
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("FORGETLESS_ARTIFACTS") is not { Length: > 0 } artifacts) return;
        var folder = Path.Combine(artifacts, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
