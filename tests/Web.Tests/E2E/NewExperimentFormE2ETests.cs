using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Forgetless.Web.Tests.E2E;

/// <summary>
/// The launcher and the dataset preview in a real browser, on the shared real data: a multi-turn HH prompt reads as turns
/// and opens, the form starts from the data's length and says how many examples it cuts, and a bad field holds Launch.
/// </summary>
[Trait("Category", "E2E")]
public class NewExperimentFormE2ETests
{
    private const float Minutes = 60_000;

    [SkippableFact]
    public async Task The_form_shows_what_the_maximum_length_cuts_and_refuses_zero_steps_and_the_preview_shows_turns()
    {
        Browser.SkipUnlessChromium();
        var sft = SharedData.File("sft/alpaca-200.jsonl");
        var preference = SharedData.File("preference/hh-raw-200.jsonl");
        await using var app = new KestrelAppFactory(train: false);
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.SignInAsync("admin", app.AdminPassword());

        // The HH transcript prompt reads as Human/Assistant turns; opened, it shows the text the alpaca template gives the model.
        await browser.GoToAsync("/datasets");
        await page.SetInputFilesAsync("input[type=file]", sft);
        await page.Locator("#datasets-table tbody tr", new() { HasText = "alpaca-200" }).WaitForAsync(new() { Timeout = 3 * Minutes });
        await page.SetInputFilesAsync("input[type=file]", preference);
        await page.Locator("#datasets-table tbody tr", new() { HasText = "hh-raw-200" }).WaitForAsync(new() { Timeout = 3 * Minutes });
        var firstRow = page.Locator(".preview-row").First;
        await firstRow.WaitForAsync();
        Assert.True(await firstRow.Locator(".preview-turn[data-role='user']").CountAsync() >= 1);
        Assert.Contains("prompts rendered with the alpaca template", await page.Locator("#dataset-preview").InnerTextAsync());
        await browser.ScreenshotAsync("dataset-preview-turns");
        await firstRow.Locator(".expand-cell").First.ClickAsync();
        await firstRow.Locator(".rendered-prompt").WaitForAsync();
        await firstRow.ScreenshotAsync(new() { Path = ScreenshotPath("dataset-preview-row-opened") });

        // The form: the maximum length defaults to the data's 95th percentile (capped at the tiny model's 256), and says what it cuts.
        await browser.GoToAsync("/experiments/new");
        var truncation = page.Locator("#truncation", new() { HasText = "are cut" });
        await truncation.WaitForAsync(new() { Timeout = 3 * Minutes });
        Assert.Matches(@"At \d+ tokens, [\d,]+ of 200 SFT examples and [\d,]+ of 200 preference pairs are cut\.", await truncation.InnerTextAsync());
        await browser.ScreenshotAsync("new-experiment-truncation");

        await page.GetByLabel("Max length (tokens)").FillAsync("64");
        await Assertions.Expect(truncation).ToContainTextAsync("At 64 tokens");
        await page.GetByLabel("Steps", new() { Exact = true }).FillAsync("0");
        await Assertions.Expect(page.Locator("#launch-experiment")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#launch-problems")).ToContainTextAsync("Steps must be between 1 and 1,000,000.");
        await browser.ScreenshotAsync("new-experiment-invalid");

        // Launched (this app trains nothing, so the runs stay queued), every run's page says what its length cut.
        await page.GetByLabel("Steps", new() { Exact = true }).FillAsync("20");
        await Assertions.Expect(page.Locator("#launch-experiment")).ToBeEnabledAsync();
        await page.ClickAsync("#launch-experiment");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/experiments/\d+$"), new() { Timeout = 3 * Minutes });
        var runId = await page.Locator(".fl-run-card").First.GetAttributeAsync("data-run-id", new() { Timeout = 3 * Minutes });
        await browser.GoToAsync($"/runs/{runId}");
        var cut = page.Locator("#run-truncation");
        await Assertions.Expect(cut).ToContainTextAsync("of 200 SFT examples", new() { Timeout = 3 * Minutes });
        Assert.Matches(@"Data cut to 64 tokens\s+[\d,]+ of 200 SFT examples and [\d,]+ of 200 preference pairs were longer and are cut\.", await cut.InnerTextAsync());
        await cut.ScreenshotAsync(new() { Path = ScreenshotPath("run-truncation") });
        Assert.Empty(browser.ConsoleErrors);
    }

    private static string ScreenshotPath(string name)
    {
        var artifacts = Environment.GetEnvironmentVariable("FORGETLESS_ARTIFACTS") is { Length: > 0 } folder ? folder : Path.Combine(Browser.RepositoryRoot(), "artifacts");
        Directory.CreateDirectory(Path.Combine(artifacts, "screenshots"));
        return Path.Combine(artifacts, "screenshots", name + ".png");
    }
}
