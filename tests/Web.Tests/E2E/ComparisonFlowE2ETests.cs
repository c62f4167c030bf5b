using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Forgetless.Web.Tests.E2E;

/// <summary>The whole product in a real browser: sign in, upload, reject bad data, launch, watch live, cancel, export.</summary>
[Trait("Category", "E2E")]
public class ComparisonFlowE2ETests
{
    private const float Minutes = 60_000;

    [SkippableFact]
    public async Task A_signed_in_user_uploads_data_launches_a_comparison_watches_it_live_cancels_a_run_and_exports_csv()
    {
        Browser.SkipUnlessChromium();
        var sft = SharedData.File("sft/alpaca-200.jsonl");
        var preference = SharedData.File("preference/hh-helpful-200.jsonl");
        await using var app = new KestrelAppFactory(holdQueue: true); // released once a run has been cancelled before it starts
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;

        // Sign in with the first-run admin account.
        await browser.SignInAsync("admin", app.AdminPassword());

        // Upload both datasets; each shows up in the table with its preview.
        await browser.GoToAsync("/datasets");
        await UploadAsync(page, sft, "alpaca-200");
        await UploadAsync(page, preference, "hh-helpful-200");
        await page.Locator(".preview-row").First.WaitForAsync();
        await browser.ScreenshotAsync("datasets");

        // A malformed file is rejected with its line number and stores nothing.
        var bad = Path.Combine(app.DataDirectory, "broken.jsonl");
        await File.WriteAllTextAsync(bad, "{\"instruction\": \"Say hi\", \"output\": \"Hi\"}\n{\"instruction\": \"Oops\", \"output\": }\n");
        await page.SetInputFilesAsync("input[type=file]", bad);
        var rejected = page.Locator("#upload-rejected");
        await rejected.WaitForAsync();
        Assert.Contains("line 2", (await rejected.InnerTextAsync()).ToLowerInvariant().Replace("\t", " "));
        Assert.Equal(1, await page.Locator(".upload-error[data-line='2']").CountAsync());
        Assert.Equal(2, await page.Locator("#datasets-table tbody tr").CountAsync());
        await browser.ScreenshotAsync("datasets-rejected");

        // Launch a small comparison: Sequential SFT→DPO, ALRIGHT and MAXRIGHT at λ = 0.5, 20 steps, evaluating every 5.
        await browser.GoToAsync("/experiments/new");
        await page.GetByLabel("Steps", new() { Exact = true }).FillAsync("20");
        await page.GetByLabel("Evaluate every (steps)").FillAsync("5");
        await page.GetByLabel("Max length (tokens)").FillAsync("64"); // the old fixed length: this walk's training time stays as it was
        await page.GetByLabel("Name").FillAsync("E2E comparison");
        await page.Keyboard.PressAsync("Tab");
        await browser.ScreenshotAsync("new-experiment");
        await page.ClickAsync("#launch-experiment");
        // What the user sees, polled (not one navigation event, which a loaded machine can deliver late or before the wait
        // starts): the experiment's address, then its run cards.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/experiments/\d+$"), new() { Timeout = 3 * Minutes });
        await page.Locator(".fl-run-card").First.WaitForAsync(new() { Timeout = 3 * Minutes });
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 3 * Minutes });
        var experimentPath = new Uri(page.Url).AbsolutePath;

        // Cancel a run that has not started, from its run page: the queue is held until then, so the last schedule run is
        // still queued however fast the machine. Then the worker may take the others.
        var runId = await page.Locator(".fl-run-card[data-status='Queued']").Last.GetAttributeAsync("data-run-id");
        await browser.GoToAsync($"/runs/{runId}");
        await page.ClickAsync("#cancel-run");
        await page.Locator("#run-status[data-status='Cancelled']").WaitForAsync(new() { Timeout = 3 * Minutes });
        await browser.ScreenshotAsync("run-cancelled");
        await browser.GoToAsync(experimentPath);
        app.ReleaseQueue();

        // Points arrive live in the forgetting chart (held-out f_SFT), without reloading the page.
        await page.WaitForFunctionAsync("() => +(document.getElementById('chart-eval-sft-wrap')?.dataset.points ?? 0) > 0", null, new() { Timeout = 8 * Minutes });
        var before = await PlottedPointsAsync(page, "chart-eval-sft");
        await page.WaitForFunctionAsync(
            "n => { const d = document.getElementById('chart-eval-sft')?.data; return d && d.reduce((s, t) => s + t.x.length, 0) > n; }",
            before, new() { Timeout = 8 * Minutes }); // training speed on a loaded 2-core machine sets these waits
        await browser.ScreenshotAsync("experiment-live");

        // The trade-off plane fills in once schedule runs have been evaluated.
        var plane = page.Locator("#chart-tradeoff");
        await plane.ScrollIntoViewIfNeededAsync();
        // A run's trajectory, not just the ideal point's star (which is there as soon as the optima finish).
        await page.WaitForFunctionAsync("() => +(document.getElementById('chart-tradeoff-wrap')?.dataset.points ?? 0) > 0", null, new() { Timeout = 8 * Minutes });
        // Plotly draws after the render that set the points: wait for a drawn trajectory point in the plane itself.
        await page.WaitForFunctionAsync(
            "() => { const el = document.getElementById('chart-tradeoff'), d = el?.data; const drawn = d?.filter(t => (t.x?.length ?? 0) > 0).length ?? 0; return drawn > 0 && el.querySelectorAll('.scatterlayer .trace').length >= drawn; }",
            null, new() { Timeout = 8 * Minutes });
        await plane.ScreenshotAsync(new() { Path = ScreenshotPath("tradeoff-plane") });

        // Next to the ideal distances, where each f* came from: the best held-out value, its run and step.
        var source = page.Locator("text=/f\\*_SFT [0-9.]+ = best held-out f_SFT, .+ at step [0-9]+; f\\*_DPO [0-9.]+ = best held-out f_DPO/").First;
        await source.WaitForAsync(new() { Timeout = 4 * Minutes });
        await page.Locator("#chart-ideal-distance").ScreenshotAsync(new() { Path = ScreenshotPath("ideal-distance") });

        // Export a finished run's metrics as CSV (the optimum runs finish first).
        await browser.GoToAsync("/experiments");
        await browser.ScreenshotAsync("experiments");
        var finished = await page.Locator(".fl-run-pick:has([data-status='Completed'])").First.GetAttributeAsync("data-run-id");
        await browser.GoToAsync($"/runs/{finished}");
        await page.ClickAsync("#export-menu");
        Assert.Equal($"/api/runs/{finished}/metrics.csv", await page.Locator("#export-csv").GetAttributeAsync("href"));
        var csv = await (await page.APIRequest.GetAsync($"/api/runs/{finished}/metrics.csv")).TextAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("run_id,step,name,value", lines[0]);
        Assert.Contains(lines, l => l.Contains(",eval/sft_loss,"));
        await browser.ScreenshotAsync("run-completed");

        // Every finished run ends with a checkpoint: its model folder downloads as a zip with config.json and weights.
        await page.Locator("#download-checkpoint").WaitForAsync();
        var zip = await page.APIRequest.GetAsync($"/api/runs/{finished}/checkpoint.zip");
        Assert.Equal(200, zip.Status);
        using (var archive = new ZipArchive(new MemoryStream(await zip.BodyAsync())))
        {
            Assert.Contains(archive.Entries, e => e.FullName == "config.json");
            Assert.Contains(archive.Entries, e => e.FullName == "model.safetensors");
        }

        // Samples: held-out prompts answered by the finished checkpoints, side by side.
        await browser.GoToAsync("/samples");
        await page.ClickAsync("#generate-samples");
        await page.WaitForFunctionAsync(
            "() => document.querySelectorAll('.sample-answer').length > 0 && !document.querySelector('.sample-answer .mud-progress-circular')",
            null, new() { Timeout = 3 * Minutes });
        Assert.DoesNotContain("⚠", await page.Locator("#samples-table").InnerTextAsync());
        await browser.ScreenshotAsync("samples");
        Assert.Empty(browser.ConsoleErrors);
    }

    private static async Task UploadAsync(IPage page, string file, string name)
    {
        await page.SetInputFilesAsync("input[type=file]", file);
        await page.Locator("#datasets-table tbody tr", new() { HasText = name }).WaitForAsync(new() { Timeout = 3 * Minutes });
    }

    private static Task<int> PlottedPointsAsync(IPage page, string chartId) =>
        page.EvaluateAsync<int>($"() => (document.getElementById('{chartId}').data || []).reduce((s, t) => s + t.x.length, 0)");

    private static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(Environment.GetEnvironmentVariable("FORGETLESS_ARTIFACTS") is { Length: > 0 } f ? f : Path.Combine(Browser.RepositoryRoot(), "artifacts"), "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }
}
