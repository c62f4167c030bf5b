using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Training.Running;
using Forgetless.Web.Tests.Api.Workspace;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Forgetless.Web.Tests.E2E;

/// <summary>A signed-in user's Home with activity, then curating the history in real Chromium: rename, tag, trash, undo, trash again, restore.</summary>
[Trait("Category", "E2E")]
public class CurationE2ETests
{
    [SkippableFact]
    public async Task Home_shows_activity_and_an_experiment_is_renamed_tagged_trashed_undone_trashed_again_and_restored_from_the_trash()
    {
        Browser.SkipUnlessChromium();
        await using var app = new KestrelAppFactory(train: false); // runs stay where the test puts them
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Add("Origin", app.BaseUrl);
        (await api.PostAsJsonAsync("/api/auth/login", new { name = "admin", password = app.AdminPassword() })).EnsureSuccessStatusCode();
        var (evaluated, evaluatedRun) = await Things.ExperimentAsync(api, "evaluated-comparison");
        await EvaluateAsync(app, evaluatedRun);
        var (curated, _) = await Things.ExperimentAsync(api, "to-curate");
        var trainingRun = await TrainElsewhereAsync(app, evaluatedRun - 2);
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await SignInAsync(page, "admin", app.AdminPassword());

        // Home: recent experiments newest first, the run in flight with its worker, and where to continue.
        await Browser.GoToAsync(page, "/");
        var active = page.Locator($"#home-active-table tr[data-run-id='{trainingRun}']");
        await active.WaitForAsync();
        Assert.Contains("gpu-box-1", await active.InnerTextAsync());
        Assert.Contains("step 4 / 4", await active.InnerTextAsync()); // its evaluation after step 4 counts, as on the experiment page
        Assert.Equal(["to-curate", "evaluated-comparison"], await page.Locator(".home-recent-row b").AllInnerTextsAsync());
        Assert.Contains("Open “to-curate”", await page.Locator("#home-continue").InnerTextAsync());
        await browser.ScreenshotAsync("home-signed-in-activity");

        // The history's summary column: status counts and the best ideal distance.
        await Browser.GoToAsync(page, "/experiments");
        var evaluatedRow = Row(page, evaluated);
        await evaluatedRow.Locator(".experiment-best b").WaitForAsync();
        Assert.Equal("0.141", await evaluatedRow.Locator(".experiment-best b").InnerTextAsync());
        await browser.ScreenshotAsync("experiments-summary");

        // Rename and tag from the row's menu.
        await ChooseAsync(page, curated, ".action-edit");
        await page.FillAsync("#edit-name", "Curated comparison");
        await page.FillAsync("#edit-tags", "e2e, curated");
        await page.ClickAsync("#edit-save");
        await Row(page, curated).GetByText("Curated comparison").WaitForAsync();
        await Row(page, curated).Locator(".experiment-tag:has-text('curated')").WaitForAsync();

        // Trash, after a confirmation; Undo brings it back.
        await TrashAsync(page, curated);
        await page.Locator(".mud-snackbar button:has-text('Undo')").ClickAsync();
        await Row(page, curated).WaitForAsync();

        // Trash again, and restore it from the trash.
        await TrashAsync(page, curated);
        await page.ClickAsync("#trash-view");
        var trashed = page.Locator($".trash-row[data-experiment-id='{curated}']");
        await trashed.WaitForAsync();
        await browser.ScreenshotAsync("experiments-trash");
        await trashed.Locator(".action-restore").ClickAsync();
        await page.GetByText("The trash is empty.").WaitForAsync();
        await page.ClickAsync("#trash-view");
        await Row(page, curated).WaitForAsync();

        var stored = await api.GetFromJsonAsync<JsonElement>($"/api/experiments/{curated}");
        Assert.Equal(("Curated comparison", "e2e, curated"), (stored.GetProperty("name").GetString(), stored.GetProperty("tags").GetString()));
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("trashedAt").ValueKind);
        var audit = (await api.GetFromJsonAsync<JsonElement>($"/api/audit?experimentId={curated}")).EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Equal(["restored", "trashed", "restored", "trashed", "tagged", "renamed"], audit.Where(a => a != "created"));
        Assert.Empty(browser.ConsoleErrors);
    }

    private static ILocator Row(IPage page, int experimentId) => page.Locator($".experiment-row[data-experiment-id='{experimentId}']");

    private static async Task ChooseAsync(IPage page, int experimentId, string item)
    {
        await Row(page, experimentId).Locator(".experiment-actions button").ClickAsync();
        await page.Locator(item).ClickAsync();
    }

    private static async Task TrashAsync(IPage page, int experimentId)
    {
        await ChooseAsync(page, experimentId, ".action-trash");
        await page.Locator(".mud-dialog button:has-text('Move to trash')").ClickAsync();
        await Row(page, experimentId).WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    // A worker in another process holds the run (a long lease, renewed there); two steps' objectives are stored.
    private static async Task<int> TrainElsewhereAsync(KestrelAppFactory app, int runId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.ClaimedBy, "gpu-box-1")
            .SetProperty(r => r.Attempt, 1).SetProperty(r => r.StartedAt, DateTime.UtcNow).SetProperty(r => r.LeaseExpiresAt, DateTime.UtcNow.AddHours(1)));
        db.MetricPoints.Add(new Forgetless.Data.Entities.MetricPoint { RunId = runId, Step = 1, Name = MetricNames.Objective, Value = 1.0, Time = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return runId;
    }

    // The optima put the ideal point at (f_SFT 0.40, f_DPO 0.50); the Mix run ends at (0.50, 0.60): distance √(0.1² + 0.1²) ≈ 0.141.
    private static async Task EvaluateAsync(KestrelAppFactory app, int scheduleRunId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        foreach (var (runId, sft, dpo) in new[] { (scheduleRunId - 2, 0.40, 0.90), (scheduleRunId - 1, 0.80, 0.50), (scheduleRunId, 0.50, 0.60) })
        {
            db.MetricPoints.AddRange(
                new Forgetless.Data.Entities.MetricPoint { RunId = runId, Step = 4, Name = MetricNames.EvalSftLoss, Value = sft, Time = DateTime.UtcNow },
                new Forgetless.Data.Entities.MetricPoint { RunId = runId, Step = 4, Name = MetricNames.EvalDpoLoss, Value = dpo, Time = DateTime.UtcNow });
        }

        await db.SaveChangesAsync();
    }

    private static async Task SignInAsync(IPage page, string name, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#name", name);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }
}
