using System.Text.Json;
using Forgetless.Data.Tests;
using Forgetless.Web.Tests.Service;
using Microsoft.Playwright;

namespace Forgetless.Web.Tests.E2E;

/// <summary>
/// SLOW, real processes and a real browser: a web process (<c>serve --no-worker</c>) and a <c>worker</c> process on one
/// PostgreSQL. The experiment page, opened while the worker trains, must draw each run's stored history and the points
/// the worker writes afterwards with no step missing or drawn twice (issue 9: live from anywhere); the Workers page and
/// the run page say which worker trains what.
/// </summary>
[Trait("Category", "E2E")]
[Collection(nameof(ScaleOutTests))]
public sealed class ScaleOutPagesE2ETests : IDisposable
{
    private const float Minutes = 60_000;
    private const int Steps = 60;
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "forgetless-scale-pages-" + Guid.NewGuid().ToString("n"));
    private readonly List<AppProcess> processes = [];
    private string store = "";

    public void Dispose()
    {
        processes.ForEach(p => p.Dispose());
        // The processes' own logs, beside the screenshots: what the web process relayed and the worker stored.
        var logs = Path.Combine(Browser.RepositoryRoot(), "artifacts", "logs");
        Directory.CreateDirectory(logs);
        for (var i = 0; i < processes.Count; i++) File.WriteAllText(Path.Combine(logs, $"scale-out-pages-{(i == 0 ? "web" : "worker")}.log"), processes[i].Output);
        if (store.Length > 0) SharedPostgres.DropDatabase(store);
        if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
    }

    [SkippableFact]
    public async Task A_page_opened_mid_run_draws_history_and_a_workers_live_points_once_each_and_names_the_worker()
    {
        Browser.SkipUnlessChromium();
        var dll = AppProcess.BuiltDll();
        Skip.If(dll is null, "src/Web is not built in this configuration");
        store = SharedPostgres.CreateDatabase();
        var environment = new Dictionary<string, string>
        {
            ["Forgetless__Store"] = store, ["Training__PollInterval"] = "00:00:00.200", ["Training__ThreadsPerRun"] = "1",
            ["Training__RunsPerDevice"] = "1", ["Training__LeaseDuration"] = "00:03:00", // the worker is frozen below and must keep its run
        };
        var web = await AppProcess.StartAsync(dll!, dataDir, AppProcess.FreePort(), new Dictionary<string, string>(environment) { ["Training__ClaimRuns"] = "false" });
        processes.Add(web);
        var worker = await AppProcess.StartWorkerAsync(dll!, ["--data-dir", dataDir, "--name", "gpu-1", "--device", "cpu"], environment);
        processes.Add(worker);

        await using var browser = await Browser.LaunchAsync(web.Url);
        var page = browser.Page;
        await browser.SignInAsync("admin", File.ReadAllText(Path.Combine(dataDir, "admin-password.txt")).Trim());
        var api = page.APIRequest; // shares the browser's cookies
        var experimentId = await CreateExperimentAsync(api, web.Url);
        var runIds = (await JsonAsync(api, $"/api/experiments/{experimentId}")).GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(3, runIds.Count); // SFT-only, DPO-only, ALRIGHT

        // Open the page while the first run is part-way: the worker is frozen (SIGSTOP) once the run has stored some points,
        // so the page's history is those, and everything after reaches the open page only live from the worker process.
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while ((await JsonAsync(api, $"/api/runs/{runIds[0]}/metrics?names=loss")).EnumerateArray().Sum(c => c.GetProperty("steps").GetArrayLength()) < 10)
        {
            Assert.True(DateTime.UtcNow < deadline, "the worker did not start the first run");
            await Task.Delay(100);
        }

        worker.Signal("STOP");
        var storedAtOpen = (await JsonAsync(api, $"/api/runs/{runIds[0]}/metrics?names=loss")).EnumerateArray().Sum(c => c.GetProperty("steps").GetArrayLength());
        await browser.GoToAsync($"/experiments/{experimentId}");
        await Assertions.Expect(page.Locator($".fl-run-card[data-run-id='{runIds[0]}'][data-status='Running']")).ToHaveCountAsync(1);

        // The Workers page, in a second tab of the same sign-in: the worker is busy with a run of this experiment.
        var workers = await page.Context.NewPageAsync();
        await Browser.GoToAsync(workers, "/workers");
        var row = workers.Locator("#workers-table tbody tr", new() { HasText = "gpu-1" });
        await Assertions.Expect(row).ToContainTextAsync("cpu");
        await Assertions.Expect(row).ToContainTextAsync("busy");
        await Assertions.Expect(workers.Locator("#queue-table tbody tr", new() { HasText = "gpu-1" })).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(workers, "workers-page-busy");
        await workers.CloseAsync();
        worker.Signal("CONT");

        await page.WaitForFunctionAsync("() => document.querySelectorAll(\".fl-run-card[data-status='Completed']\").length === 3",
            null, new() { Timeout = 15 * Minutes, PollingInterval = 1000 });

        // Every stored step of every run is on the open page exactly once, in the live charts of its metric.
        foreach (var (chart, metric) in new[] { ("chart-loss-sft", "sft/loss"), ("chart-loss-dpo", "dpo/loss"), ("chart-eval-sft", "eval/sft_loss") })
        {
            var stored = new Dictionary<string, long[]>();
            foreach (var runId in runIds)
            {
                var series = (await JsonAsync(api, $"/api/runs/{runId}/metrics?names={Uri.EscapeDataString(metric)}")).EnumerateArray().ToList();
                if (series.Count > 0) stored[runId.ToString()] = [.. series.Single().GetProperty("steps").EnumerateArray().Select(s => s.GetInt64())];
            }

            Assert.True(stored.Count >= 2, $"{metric}: only runs {string.Join(", ", stored.Keys)} reported it");
            var expected = stored.Values.Sum(s => s.Length);
            try
            {
                await page.WaitForFunctionAsync("([id, n]) => (document.getElementById(id)?.data ?? []).reduce((s, t) => s + t.x.length, 0) >= n",
                    new object[] { chart, expected }, new() { Timeout = 2 * Minutes });
            }
            catch (TimeoutException)
            {
                // Say which run fell short below, rather than only that the wait ran out.
            }

            var drawn = await DrawnStepsAsync(page, chart);
            foreach (var (runId, steps) in stored)
            {
                Assert.True(drawn.TryGetValue(runId, out var xs), $"{chart} has no line for run {runId}");
                Assert.True(steps.SequenceEqual(xs), $"{chart}, run {runId}: stored [{string.Join(", ", steps)}], drawn [{string.Join(", ", xs)}]; the page was opened at {storedAtOpen} loss points of run {runIds[0]}");
            }
        }

        // The run page names the worker that trained it.
        await browser.GoToAsync($"/runs/{runIds[0]}");
        await Assertions.Expect(page.Locator("#run-stretches")).ToContainTextAsync("gpu-1");
        await Assertions.Expect(page.Locator("#run-stretches")).ToContainTextAsync("Completed");
        await browser.ScreenshotAsync("run-page-trained-by-worker");
        Assert.Empty(browser.ConsoleErrors);
    }

    /// <summary>Each line's x values (steps) in drawing order, keyed by the run id the line carries in its <c>meta</c>.</summary>
    private static async Task<Dictionary<string, long[]>> DrawnStepsAsync(IPage page, string chartId)
    {
        var lines = await page.EvaluateAsync<JsonElement>(
            "id => (document.getElementById(id)?.data ?? []).map(t => ({ run: String(t.meta ?? ''), x: Array.from(t.x) }))", chartId);
        return lines.EnumerateArray().GroupBy(l => l.GetProperty("run").GetString()!)
            .ToDictionary(g => g.Key, g => g.SelectMany(l => l.GetProperty("x").EnumerateArray().Select(x => (long)x.GetDouble())).ToArray());
    }

    private static async Task<int> CreateExperimentAsync(IAPIRequestContext api, string url)
    {
        var datasets = await JsonAsync(api, "/api/datasets");
        int Id(string kind) => datasets.EnumerateArray().First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();
        var created = await api.PostAsync("/api/experiments", new()
        {
            Headers = new Dictionary<string, string> { ["Origin"] = url.TrimEnd('/') }, // as the app's own pages send it
            DataObject = new
            {
                name = "Trained elsewhere", sftDatasetId = Id("Sft"), preferenceDatasetId = Id("Preference"), schedules = new[] { "alright" },
                lambdas = new[] { 0.5 }, seedCount = 1,
                hyperparameters = new { steps = Steps, evalInterval = 10, sftBatchSize = 4, dpoBatchSize = 4, evalExamples = 8, maxLength = 48 },
            },
        });
        Assert.True(created.Ok, await created.TextAsync());
        return (await created.JsonAsync())!.Value.GetProperty("id").GetInt32();
    }

    private static async Task<JsonElement> JsonAsync(IAPIRequestContext api, string path)
    {
        var response = await api.GetAsync(path);
        Assert.True(response.Ok, $"GET {path}: {response.Status}");
        return (await response.JsonAsync())!.Value;
    }
}
