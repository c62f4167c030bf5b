using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Data;
using Forgetless.Data.Tests;
using Microsoft.Data.Sqlite;

namespace Forgetless.Web.Tests.Service;

/// <summary>
/// SLOW, real processes: the app is killed with SIGKILL mid-run and started again on the same data directory and store; the
/// resumed run is then compared with the same spec trained without interruption. On PostgreSQL the restarted process has
/// the same worker name (the machine's), so it takes back its own runs at start-up, as on SQLite, without waiting for the lease.
/// </summary>
public abstract class CrashRecoveryTests(StoreProvider store) : IDisposable
{
    private const int StepBudget = 120;
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "forgetless-crash-" + Guid.NewGuid().ToString("n"));
    private readonly Dictionary<string, string> environment = new() { ["Training__CheckpointEvery"] = "5", ["Training__PollInterval"] = "00:00:00.200" };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (environment.TryGetValue("Forgetless__Store", out var postgres)) SharedPostgres.DropDatabase(postgres);
        if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task A_run_killed_mid_training_resumes_from_its_checkpoint_stores_every_step_exactly_once_and_ends_as_an_uninterrupted_run()
    {
        var dll = AppProcess.BuiltDll();
        Skip.If(dll is null, "src/Web is not built in this configuration");
        if (store == StoreProvider.Postgres) environment["Forgetless__Store"] = SharedPostgres.CreateDatabase();
        var port = AppProcess.FreePort();
        int experimentId;
        using (var first = await AppProcess.StartAsync(dll!, dataDir, port, environment))
        {
            using var client = await SignInAsync(first.Url);
            experimentId = await CreateExperimentAsync(client, "crash");
            // Only the newest checkpoints are kept, so wait for any one at step 10 or later while the run still trains.
            await WaitForAsync(client, experimentId, run => run.GetProperty("id").GetInt32() == 1
                && run.GetProperty("status").GetString() == "Running" && NewestCheckpointStep(1) >= 10);
            first.KillHard();
        }

        using var second = await AppProcess.StartAsync(dll!, dataDir, port, environment);
        using var again = await SignInAsync(second.Url);
        var experiment = await WaitForAllAsync(again, experimentId);

        Assert.Matches(@"Run 1 \(sft_only.*\) starts at step [1-9][0-9]+", second.Output);
        foreach (var run in experiment.GetProperty("runs").EnumerateArray())
        {
            Assert.Equal("Completed", run.GetProperty("status").GetString());
            var curves = await again.GetFromJsonAsync<JsonElement>($"/api/runs/{run.GetProperty("id").GetInt32()}/metrics?names=loss,eval/sft_loss");
            Assert.Equal(Enumerable.Range(0, StepBudget).Select(s => (long)s), Steps(curves, "loss"));
            Assert.Equal(Enumerable.Range(0, StepBudget / 5 + 1).Select(s => s * 5L), Steps(curves, "eval/sft_loss"));
        }

        // The same spec again, never interrupted. Finished optimum runs of an identical spec are reused, so the crashed
        // experiment is read and then deleted first, and only the new SFT-only run is trained (the others are cancelled).
        // Same seed, CPU, one thread per run, and the checkpoint holds weights, AdamW moments, RNG and data order: the
        // resumed run's stored curves and final numbers must be bit-identical to it; only clock and memory readings may differ.
        Assert.Equal("sft_only", (await again.GetFromJsonAsync<JsonElement>("/api/runs/1")).GetProperty("schedule").GetString());
        var resumed = await TrainingRecord.ReadAsync(again, 1);
        Assert.True((await again.DeleteAsync($"/api/experiments/{experimentId}")).IsSuccessStatusCode);

        var uninterruptedExperiment = await CreateExperimentAsync(again, "uninterrupted");
        var uninterruptedRuns = (await again.GetFromJsonAsync<JsonElement>($"/api/experiments/{uninterruptedExperiment}")).GetProperty("runs").EnumerateArray()
            .Select(r => (Id: r.GetProperty("id").GetInt32(), Schedule: r.GetProperty("schedule").GetString())).ToList();
        foreach (var (later, _) in uninterruptedRuns.Where(r => r.Schedule != "sft_only"))
            Assert.Equal(HttpStatusCode.Accepted, (await again.PostAsync($"/api/runs/{later}/cancel", null)).StatusCode);
        var uninterrupted = uninterruptedRuns.Single(r => r.Schedule == "sft_only").Id;
        await WaitForAsync(again, uninterruptedExperiment, run => run.GetProperty("id").GetInt32() == uninterrupted && run.GetProperty("status").GetString() is "Completed" or "Failed");

        TrainingRecord.AssertSame(await TrainingRecord.ReadAsync(again, uninterrupted), resumed, "run 1, resumed after SIGKILL");
    }

    private long NewestCheckpointStep(int runId)
    {
        var folder = Path.Combine(dataDir, "runs", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), "checkpoints");
        return Directory.Exists(folder)
            ? Directory.GetDirectories(folder, "step-*").Select(d => long.TryParse(Path.GetFileName(d)[5..], out var step) ? step : -1).DefaultIfEmpty(-1).Max()
            : -1;
    }

    private async Task<HttpClient> SignInAsync(string url)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Add("Origin", url.TrimEnd('/')); // as the app's own pages would: cookie writes must be same-origin
        var password = ReadPassword();
        var deadline = DateTime.UtcNow.AddMinutes(2); // written at first start, which a loaded machine can take a while to reach
        while (password.Length == 0 && DateTime.UtcNow < deadline) password = await Task.Delay(100).ContinueWith(_ => ReadPassword());
        (await client.PostAsJsonAsync("/api/auth/login", new { name = "admin", password })).EnsureSuccessStatusCode();
        return client;
    }

    private string ReadPassword()
    {
        var file = Path.Combine(dataDir, "admin-password.txt");
        return File.Exists(file) ? File.ReadAllText(file).Trim() : "";
    }

    private static async Task<int> CreateExperimentAsync(HttpClient client, string name)
    {
        var datasets = await client.GetFromJsonAsync<JsonElement>("/api/datasets");
        int Id(string kind) => datasets.EnumerateArray().First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name, sftDatasetId = Id("Sft"), preferenceDatasetId = Id("Preference"), schedules = new[] { "alright" }, lambdas = new[] { 0.5 },
            seedCount = 1,
            hyperparameters = new { steps = StepBudget, evalInterval = 5, sftBatchSize = 4, dpoBatchSize = 4, evalExamples = 8, maxLength = 48 },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task WaitForAsync(HttpClient client, int experimentId, Func<JsonElement, bool> runCondition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(8); // sized for a loaded 2-core machine
        while (!(await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{experimentId}")).GetProperty("runs").EnumerateArray().Any(runCondition))
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the run");
            await Task.Delay(50);
        }
    }

    private static async Task<JsonElement> WaitForAllAsync(HttpClient client, int experimentId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10); // sized for a loaded 2-core machine
        while (true)
        {
            var experiment = await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{experimentId}");
            if (experiment.GetProperty("runs").EnumerateArray().All(r => r.GetProperty("status").GetString() is "Completed" or "Failed" or "Interrupted")) return experiment;
            Assert.True(DateTime.UtcNow < deadline, $"timed out: {experiment}");
            await Task.Delay(200);
        }
    }

    private static IEnumerable<long> Steps(JsonElement curves, string name) =>
        curves.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).GetProperty("steps").EnumerateArray().Select(s => s.GetInt64());

    /// <summary>The test above on the embedded SQLite store.</summary>
    public sealed class OnSqlite() : CrashRecoveryTests(StoreProvider.Sqlite);

    /// <summary>The test above on PostgreSQL (a fresh database on the test run's shared server): the store does not change what a resumed run computes.</summary>
    public sealed class OnPostgres() : CrashRecoveryTests(StoreProvider.Postgres);
}
