using System.Text.Json;
using Microsoft.Playwright;

namespace Forgetless.Web.Tests.E2E;

/// <summary>
/// The one-click comparison watched from an open experiment page: seven real runs stream in one after another,
/// and every live chart must draw every run's series in full, with no reload (issue 8: the loss and reward charts
/// once stopped drawing every run after the two optima).
/// </summary>
[Trait("Category", "E2E")]
public class LiveChartsE2ETests
{
    private const float Minutes = 60_000;

    [SkippableFact]
    public async Task Every_run_streamed_into_an_open_experiment_page_is_drawn_in_full_by_every_live_chart()
    {
        Browser.SkipUnlessChromium();
        // The queue is held until the page is open: every run, optima included, then streams into it live, however fast the machine.
        await using var app = new KestrelAppFactory(seedDemoData: true, holdQueue: true);
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        var api = page.APIRequest; // shares the browser's cookies
        Assert.True((await api.PostAsync("/api/auth/login", new() { DataObject = new { name = "admin", password = app.AdminPassword() } })).Ok);

        // The one-click preset (all five schedules at λ = 0.5, plus both optima) on the demo task, short enough for a busy machine.
        var datasets = await JsonAsync(api, "/api/datasets");
        var created = await api.PostAsync("/api/experiments", new()
        {
            Headers = new Dictionary<string, string> { ["Origin"] = app.BaseUrl.TrimEnd('/') }, // as the app's own pages send it
            DataObject = new
            {
                name = "Seven live runs",
                sftDatasetId = IdOf(datasets, "Sft"),
                preferenceDatasetId = IdOf(datasets, "Preference"),
                lambdas = new[] { 0.5 },
                seedCount = 1,
                hyperparameters = new { steps = 12, evalInterval = 4, evalExamples = 8 },
            },
        });
        Assert.True(created.Ok, await created.TextAsync());
        var experimentId = (await created.JsonAsync())!.Value.GetProperty("id").GetInt32();

        // Open the page on seven queued runs, then let the worker take them: all seven arrive live, none was drawn from the store.
        await browser.GoToAsync($"/experiments/{experimentId}");
        await Assertions.Expect(page.Locator(".fl-run-card[data-status='Queued']")).ToHaveCountAsync(7, new() { Timeout = 3 * Minutes });
        var runIds = (await page.Locator(".fl-run-card").EvaluateAllAsync<int[]>("cards => cards.map(c => +c.dataset.runId)")).ToList();
        Assert.Equal(7, runIds.Count);
        app.ReleaseQueue();
        await page.WaitForFunctionAsync("() => document.querySelectorAll(\".fl-run-card[data-status='Completed']\").length === 7",
            null, new() { Timeout = 40 * Minutes, PollingInterval = 1000 });

        // Every run's stored curve is on the open page, point for point, in every live chart that plots its metric.
        string[][] charts =
        [
            ["chart-eval-sft", "eval/sft_loss"], ["chart-eval-dpo", "eval/dpo_loss"], ["chart-loss-sft", "sft/loss"],
            ["chart-loss-dpo", "dpo/loss"], ["chart-reward-accuracy", "rewards/accuracies"], ["chart-reward-margin", "rewards/margins"],
        ];
        foreach (var chart in charts)
        {
            var stored = new Dictionary<int, int>();
            foreach (var runId in runIds)
            {
                var series = await JsonAsync(api, $"/api/runs/{runId}/metrics?names={Uri.EscapeDataString(chart[1])}");
                var count = series.EnumerateArray().Select(s => s.GetProperty("steps").GetArrayLength()).DefaultIfEmpty(0).Sum();
                if (count > 0)
                {
                    stored[runId] = count;
                }
            }

            // The charts may still be appending the last batches: wait for the points, then compare them run by run.
            try
            {
                await page.WaitForFunctionAsync(
                    "([id, n]) => (document.getElementById(id)?.data ?? []).reduce((s, t) => s + t.x.length, 0) >= n",
                    new object[] { chart[0], stored.Values.Sum() }, new() { Timeout = 3 * Minutes });
            }
            catch (TimeoutException)
            {
                // Say which lines fell short rather than only that the wait ran out.
            }

            var drawn = await DrawnPointsAsync(page, chart[0]);
            var shown = string.Join(", ", stored.Select(s => $"run {s.Key}: {s.Value} stored, {drawn.GetValueOrDefault(s.Key.ToString())} drawn"));
            Assert.True(stored.Count >= 5, $"{chart[1]}: only {stored.Count} runs reported it");
            foreach (var (runId, count) in stored)
            {
                Assert.True(drawn.TryGetValue(runId.ToString(), out var points), $"{chart[0]} has no line for run {runId} ({chart[1]}); {shown}");
                Assert.True(count == points, $"{chart[0]} ({chart[1]}): {shown}");
            }
        }

        // The derived charts: a strip row for each of the five schedule runs, MAXRIGHT's gaps with their refresh dots.
        await page.WaitForFunctionAsync("() => document.getElementById('chart-objective')?.data?.[0]?.y?.length === 5");
        await page.WaitForFunctionAsync(
            "() => (document.getElementById('chart-maxright-gaps')?.data ?? []).filter(t => String(t.meta).endsWith('refresh') && t.x.length > 0).length === 2");
        await browser.ScreenshotAsync("experiment-seven-live-runs");
        var colours = await LineColoursAsync(page, "chart-eval-sft");

        // The compare page draws the same runs in the same colours, and its strip too has a row per schedule run.
        await browser.GoToAsync($"/compare?runs={string.Join(',', runIds)}");
        await page.WaitForFunctionAsync("() => document.getElementById('chart-objective')?.data?.[0]?.y?.length === 5");
        await page.WaitForFunctionAsync("() => (document.getElementById('chart-eval-sft')?.data ?? []).length === 7");
        Assert.Equal(colours, await LineColoursAsync(page, "chart-eval-sft"));
        Assert.Equal(7, colours.Count);
        Assert.Equal(7, colours.Values.Distinct().Count()); // seven schedules (optima included), seven colours
        await browser.ScreenshotAsync("compare-seven-runs");
        Assert.Empty(browser.ConsoleErrors);
    }

    private static async Task<Dictionary<string, string>> LineColoursAsync(IPage page, string chartId)
    {
        var lines = await page.EvaluateAsync<JsonElement>(
            "id => (document.getElementById(id)?.data ?? []).map(t => ({ run: String(t.meta ?? ''), colour: String(t.line?.color ?? '') }))", chartId);
        return lines.EnumerateArray().ToDictionary(l => l.GetProperty("run").GetString()!, l => l.GetProperty("colour").GetString()!);
    }

    /// <summary>Points per line of a Plotly chart, keyed by the run id each line carries in its <c>meta</c>.</summary>
    private static async Task<Dictionary<string, int>> DrawnPointsAsync(IPage page, string chartId)
    {
        var lines = await page.EvaluateAsync<JsonElement>(
            "id => (document.getElementById(id)?.data ?? []).map(t => ({ run: String(t.meta ?? ''), points: t.x.length }))", chartId);
        return lines.EnumerateArray().GroupBy(l => l.GetProperty("run").GetString()!)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.GetProperty("points").GetInt32()));
    }

    private static int IdOf(JsonElement datasets, string kind) =>
        datasets.EnumerateArray().First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();

    private static async Task<JsonElement> JsonAsync(IAPIRequestContext api, string url)
    {
        var response = await api.GetAsync(url);
        Assert.True(response.Ok, $"GET {url}: {response.Status}");
        return (await response.JsonAsync())!.Value;
    }
}
