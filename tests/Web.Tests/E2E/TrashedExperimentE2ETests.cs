using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Web.Tests.Api.Workspace;
using Microsoft.Playwright;

namespace Forgetless.Web.Tests.E2E;

/// <summary>
/// A trashed experiment seen from its own page and from a comparison link saved before it was trashed, in real
/// Chromium: each says so, and Restore brings it back in place.
/// </summary>
[Trait("Category", "E2E")]
public class TrashedExperimentE2ETests
{
    [SkippableFact]
    public async Task A_trashed_experiments_page_says_who_trashed_it_and_its_Restore_brings_it_back_to_the_lists()
    {
        Browser.SkipUnlessChromium();
        await using var app = new KestrelAppFactory(train: false);
        using var api = await SignedInApiAsync(app);
        var (experiment, _) = await Things.ExperimentAsync(api, "binned-by-mistake");
        (await api.PostAsync($"/api/experiments/{experiment}/trash", null)).EnsureSuccessStatusCode();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        await browser.SignInAsync("admin", app.AdminPassword());

        await browser.GoToAsync($"/experiments/{experiment}");
        var banner = browser.Page.Locator("#experiment-trashed");
        await Assertions.Expect(banner).ToContainTextAsync("In the trash since");
        await Assertions.Expect(banner).ToContainTextAsync("moved by admin");
        Assert.Equal(0, await browser.Page.Locator(".experiment-actions").CountAsync()); // no rename or trash while it is in the trash
        await browser.ScreenshotAsync("experiment-trashed-banner");

        await banner.Locator("#experiment-restore").ClickAsync();

        await banner.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await browser.Page.Locator(".experiment-actions").WaitForAsync(); // the header's menu is back
        var stored = await api.GetFromJsonAsync<JsonElement>($"/api/experiments/{experiment}");
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("trashedAt").ValueKind);
        var listed = await api.GetFromJsonAsync<JsonElement>("/api/experiments");
        Assert.Contains(experiment, listed.EnumerateArray().Select(e => e.GetProperty("id").GetInt32()));
        await browser.GoToAsync("/experiments");
        await browser.Page.Locator($".experiment-row[data-experiment-id='{experiment}']").WaitForAsync();
        Assert.Empty(browser.ConsoleErrors);
    }

    [SkippableFact]
    public async Task A_saved_comparison_leaves_out_a_trashed_experiments_runs_and_a_deleted_run_says_so_and_restores_them_in_place()
    {
        Browser.SkipUnlessChromium();
        await using var app = new KestrelAppFactory(train: false);
        using var api = await SignedInApiAsync(app);
        var (_, keptRun) = await Things.ExperimentAsync(api, "kept");
        var (binned, binnedRun) = await Things.ExperimentAsync(api, "binned");
        var saved = $"/compare?runs={keptRun},{binnedRun - 2},{binnedRun},{binnedRun + 1000}"; // bookmarked before a trash and a delete
        (await api.PostAsync($"/api/experiments/{binned}/trash", null)).EnsureSuccessStatusCode();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        await browser.SignInAsync("admin", app.AdminPassword());
        var page = browser.Page;

        await browser.GoToAsync(saved);

        var notice = page.Locator($"#compare-trashed-{binned}");
        await Assertions.Expect(notice).ToContainTextAsync("2 runs of “binned” are not shown: that experiment is in the trash.");
        Assert.Equal([keptRun.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            await page.Locator("#runs-strip .fl-run-card").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.runId)"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Compare 1 run");
        await Assertions.Expect(page.Locator(".fl-subtitle")).ToHaveTextAsync("One experiment: its ideal point appears once its optima are evaluated.");
        Assert.Equal($"/experiments/{binned}", await notice.Locator("a").GetAttributeAsync("href"));
        await Assertions.Expect(page.Locator("#compare-missing")).ToContainTextAsync("1 run of this link no longer exists");
        await browser.ScreenshotAsync("compare-trashed-experiment");

        await notice.Locator("button:has-text('Restore')").ClickAsync();

        await notice.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Compare 3 runs");
        await Assertions.Expect(page.Locator(".fl-subtitle")).ToHaveTextAsync("Runs from different experiments: no shared ideal point.");
        await page.Locator($"#runs-strip .fl-run-card[data-run-id='{binnedRun}']").WaitForAsync();
        var stored = await api.GetFromJsonAsync<JsonElement>($"/api/experiments/{binned}");
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("trashedAt").ValueKind);
        Assert.Empty(browser.ConsoleErrors);
    }

    private static async Task<HttpClient> SignedInApiAsync(KestrelAppFactory app)
    {
        var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Add("Origin", app.BaseUrl);
        (await api.PostAsJsonAsync("/api/auth/login", new { name = "admin", password = app.AdminPassword() })).EnsureSuccessStatusCode();
        return api;
    }
}
