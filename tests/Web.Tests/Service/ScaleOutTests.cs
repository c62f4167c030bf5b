using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Data.Tests;
using Forgetless.Web.Hubs;
using Forgetless.Web.Service.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Forgetless.Web.Tests.Service;

/// <summary>
/// SLOW, real processes on one real PostgreSQL: a web process (<c>serve --no-worker</c>) and two <c>worker</c> processes
/// sharing the store and one data directory, as on several machines.
/// </summary>
[Collection(nameof(ScaleOutTests))]
public sealed class ScaleOutTests : IDisposable
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "forgetless-scale-" + Guid.NewGuid().ToString("n"));
    private readonly List<AppProcess> processes = [];
    private readonly CookieContainer cookies = new();
    private string store = "";
    private Dictionary<string, string> environment = [];

    public void Dispose()
    {
        processes.ForEach(p => p.Dispose());
        if (store.Length > 0) SharedPostgres.DropDatabase(store);
        if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task Two_workers_share_a_six_run_experiment_one_worker_per_run_and_the_web_process_sees_their_points_live()
    {
        var (web, workers) = await StartAsync(lease: "00:00:30");
        using var client = await SignInAsync(web.Url);
        var batches = new List<(RunMetricBatch Batch, DateTime Received)>();
        await using var hub = await ConnectHubAsync(web.Url, batches);

        var experimentId = await CreateExperimentAsync(client, steps: 20, schedules: ["alright", "mix"], lambdas: [0.25, 0.75]);
        var experiment = await WaitForAllAsync(client, experimentId);

        var runs = experiment.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(6, runs.Count);
        var stretches = await StretchesAsync();
        foreach (var run in runs)
        {
            var id = run.GetProperty("id").GetInt32();
            Assert.Equal("Completed", run.GetProperty("status").GetString());
            Assert.Equal(Enumerable.Range(0, 20).Select(s => (long)s), await StepsAsync(client, id, "loss"));
            var own = stretches.Where(s => s.RunId == id).ToList();
            Assert.Single(own); // one worker, one attempt, start to end
            Assert.Equal("Completed", own[0].Outcome);
        }

        Assert.Equal(["A", "B"], stretches.Select(s => s.Worker).Distinct().Order());
        AssertNoWorkerTrainedTwoRunsAtOnce(stretches);
        // Live means while the run trains: each run's first point reached the web process's hub client before the run
        // finished, and the typical point within issue 9's 1 s. The median, not a tail percentile: a loaded 2-core machine
        // stalls some deliveries for seconds (`bench scale-out-postgres` reports p50/p99), but a relay that polled
        // instead of waking on NOTIFY, or waited for a run's end, would put the median past 1 s.
        lock (batches)
        {
            Assert.True(batches.Count >= 6 * 20, $"{batches.Count} live batches");
            foreach (var run in runs)
            {
                var id = run.GetProperty("id").GetInt32();
                var first = batches.Where(b => b.Batch.RunId == id).Min(b => b.Received);
                var finished = run.GetProperty("finishedAt").GetDateTime().ToUniversalTime();
                Assert.True(first < finished, $"run {id}: first live point received {first:O}, run finished {finished:O}");
            }

            var latencies = batches.Select(b => (b.Received - b.Batch.Time).TotalSeconds).Order().ToList();
            var median = latencies[latencies.Count / 2];
            Assert.True(median < 1.0, $"half the live points should reach the web process's hub client within 1 s; median {median:F3} s, max {latencies[^1]:F3} s");
        }

        _ = workers;
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task A_killed_worker_s_run_resumes_on_the_other_from_its_checkpoint_and_ends_as_if_uninterrupted_and_a_frozen_worker_cannot_write_after_losing_its_lease()
    {
        var (web, workers) = await StartAsync(lease: "00:00:04");
        using var client = await SignInAsync(web.Url);
        var experimentId = await CreateExperimentAsync(client, steps: 80, schedules: ["alright"], lambdas: [0.5]);

        // SIGKILL whoever trains the SFT-only run once it has a checkpoint at step 10 or later.
        var (killedRun, killedName) = await WaitForClaimAsync(runId: 1, minCheckpoint: 10);
        workers[killedName].KillHard();
        workers["C"] = await StartWorkerAsync("C"); // a replacement, so two workers are alive again

        // SIGSTOP whoever trains the DPO-only run past its lease, then let it carry on.
        var (frozenRun, frozenName) = await WaitForClaimAsync(runId: 2, minCheckpoint: 10);
        var frozen = workers[frozenName];
        frozen.Signal("STOP");
        await WaitForAttemptAsync(frozenRun, attempt: 2);
        frozen.Signal("CONT");

        var experiment = await WaitForAllAsync(client, experimentId);
        foreach (var run in experiment.GetProperty("runs").EnumerateArray())
        {
            var id = run.GetProperty("id").GetInt32();
            Assert.Equal("Completed", run.GetProperty("status").GetString());
            Assert.Equal(Enumerable.Range(0, 80).Select(s => (long)s), await StepsAsync(client, id, "loss"));
            Assert.Equal(Enumerable.Range(0, 80 / 5 + 1).Select(s => s * 5L), await StepsAsync(client, id, "eval/sft_loss"));
        }

        var stretches = await StretchesAsync();
        var killed = stretches.Where(s => s.RunId == killedRun).OrderBy(s => s.Attempt).ToList();
        Assert.Equal((killedName, "LeaseExpired"), (killed[0].Worker, killed[0].Outcome));
        Assert.NotEqual(killedName, killed[^1].Worker);
        Assert.True(killed[^1].FromStep >= 10, $"resumed from step {killed[^1].FromStep}");
        var frozenStretches = stretches.Where(s => s.RunId == frozenRun).OrderBy(s => s.Attempt).ToList();
        Assert.Equal((frozenName, "LeaseExpired"), (frozenStretches[0].Worker, frozenStretches[0].Outcome));
        Assert.Equal("Completed", frozenStretches[^1].Outcome);
        Assert.Contains("lease lost", frozen.Output, StringComparison.Ordinal);

        // Resumed elsewhere, computed the same: the spec again, never interrupted, on the same workers (same seed, CPU,
        // one thread per run). Finished optima of an identical spec would be reused, so the first experiment goes first.
        var schedules = experiment.GetProperty("runs").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetInt32(), r => r.GetProperty("schedule").GetString()!);
        var resumed = new Dictionary<string, TrainingRecord>
        {
            [schedules[killedRun]] = await TrainingRecord.ReadAsync(client, killedRun),
            [schedules[frozenRun]] = await TrainingRecord.ReadAsync(client, frozenRun),
        };
        Assert.True((await client.DeleteAsync($"/api/experiments/{experimentId}")).IsSuccessStatusCode);
        var againId = await CreateExperimentAsync(client, steps: 80, schedules: ["alright"], lambdas: [0.5]);
        var againRuns = (await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{againId}")).GetProperty("runs").EnumerateArray()
            .Select(r => (Id: r.GetProperty("id").GetInt32(), Schedule: r.GetProperty("schedule").GetString()!)).ToList();
        foreach (var (later, _) in againRuns.Where(r => !resumed.ContainsKey(r.Schedule)))
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{later}/cancel", null)).StatusCode);
        await WaitForAllAsync(client, againId);
        foreach (var (id, schedule) in againRuns.Where(r => resumed.ContainsKey(r.Schedule)))
            TrainingRecord.AssertSame(await TrainingRecord.ReadAsync(client, id), resumed[schedule], $"{schedule}, resumed on another worker");
    }

    private async Task<(AppProcess Web, Dictionary<string, AppProcess> Workers)> StartAsync(string lease)
    {
        var dll = AppProcess.BuiltDll();
        Skip.If(dll is null, "src/Web is not built in this configuration");
        store = SharedPostgres.CreateDatabase();
        environment = new Dictionary<string, string>
        {
            ["Forgetless__Store"] = store, ["Training__CheckpointEvery"] = "5", ["Training__PollInterval"] = "00:00:00.200",
            ["Training__LeaseDuration"] = lease, ["Training__HeartbeatInterval"] = "00:00:00.500", ["Training__ThreadsPerRun"] = "1", ["Training__RunsPerDevice"] = "1",
        };
        var web = await AppProcess.StartAsync(dll!, dataDir, AppProcess.FreePort(), new Dictionary<string, string>(environment) { ["Training__ClaimRuns"] = "false" });
        processes.Add(web);
        var workers = new Dictionary<string, AppProcess>();
        foreach (var name in new[] { "A", "B" }) workers[name] = await StartWorkerAsync(name);
        return (web, workers);
    }

    private async Task<AppProcess> StartWorkerAsync(string name)
    {
        var worker = await AppProcess.StartWorkerAsync(AppProcess.BuiltDll()!, ["--data-dir", dataDir, "--name", name, "--device", "cpu"], environment);
        processes.Add(worker);
        return worker;
    }

    private async Task<(int RunId, string Worker)> WaitForClaimAsync(int runId, long minCheckpoint)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            await using var connection = new NpgsqlConnection(store);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""SELECT "ClaimedBy" FROM "Runs" WHERE "Id" = @id AND "Status" = 'Running'""", connection);
            command.Parameters.AddWithValue("id", runId);
            if (await command.ExecuteScalarAsync() is string worker && NewestCheckpointStep(runId) >= minCheckpoint) return (runId, worker);
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for run {runId} to checkpoint");
            await Task.Delay(50);
        }
    }

    private async Task WaitForAttemptAsync(int runId, int attempt)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await using var connection = new NpgsqlConnection(store);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""SELECT "Attempt" FROM "Runs" WHERE "Id" = @id AND "Status" = 'Running'""", connection);
            command.Parameters.AddWithValue("id", runId);
            if (await command.ExecuteScalarAsync() is int current && current >= attempt) return;
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for attempt {attempt} of run {runId}");
            await Task.Delay(100);
        }
    }

    private async Task<List<Stretch>> StretchesAsync()
    {
        await using var connection = new NpgsqlConnection(store);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "RunId", "Attempt", "Worker", "FromStep", "StartedAt", "EndedAt", "Outcome" FROM "RunStretches" """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var stretches = new List<Stretch>();
        while (await reader.ReadAsync())
        {
            stretches.Add(new Stretch(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt64(3), reader.GetDateTime(4),
                reader.IsDBNull(5) ? null : reader.GetDateTime(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return stretches;
    }

    // Each worker trains one run at a time (Training:RunsPerDevice = 1), so its stretches must not overlap.
    private static void AssertNoWorkerTrainedTwoRunsAtOnce(List<Stretch> stretches)
    {
        foreach (var group in stretches.GroupBy(s => s.Worker))
        {
            var ordered = group.OrderBy(s => s.StartedAt).ToList();
            for (var i = 1; i < ordered.Count; i++) Assert.True(ordered[i - 1].EndedAt <= ordered[i].StartedAt, $"{group.Key} overlapped runs {ordered[i - 1].RunId} and {ordered[i].RunId}");
        }
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
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = cookies }) { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Add("Origin", url.TrimEnd('/')); // as the app's own pages would: cookie writes must be same-origin
        var password = File.ReadAllText(Path.Combine(dataDir, "admin-password.txt")).Trim();
        (await client.PostAsJsonAsync("/api/auth/login", new { name = "admin", password })).EnsureSuccessStatusCode();
        return client;
    }

    private async Task<HubConnection> ConnectHubAsync(string url, List<(RunMetricBatch, DateTime)> batches)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(url), RunsHub.Path), o => o.Cookies = cookies)
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
                o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            })
            .Build();
        connection.On<RunMetricBatch>(RunsHub.MetricsMessage, b => { lock (batches) batches.Add((b, DateTime.UtcNow)); });
        await connection.StartAsync();
        for (var run = 1; run <= 6; run++) await connection.InvokeAsync(nameof(RunsHub.JoinRun), run);
        return connection;
    }

    private static async Task<int> CreateExperimentAsync(HttpClient client, int steps, string[] schedules, double[] lambdas)
    {
        var datasets = await client.GetFromJsonAsync<JsonElement>("/api/datasets");
        int Id(string kind) => datasets.EnumerateArray().First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "scale-out", sftDatasetId = Id("Sft"), preferenceDatasetId = Id("Preference"), schedules, lambdas, seedCount = 1,
            hyperparameters = new { steps, evalInterval = 5, sftBatchSize = 4, dpoBatchSize = 4, evalExamples = 8, maxLength = 48 },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<JsonElement> WaitForAllAsync(HttpClient client, int experimentId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(8);
        while (true)
        {
            var experiment = await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{experimentId}");
            if (experiment.GetProperty("runs").EnumerateArray().All(r => r.GetProperty("status").GetString() is "Completed" or "Failed" or "Interrupted" or "Cancelled")) return experiment;
            Assert.True(DateTime.UtcNow < deadline, $"timed out: {experiment}");
            await Task.Delay(200);
        }
    }

    private static async Task<List<long>> StepsAsync(HttpClient client, int runId, string name)
    {
        var curves = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/metrics?names={name}");
        return [.. curves.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).GetProperty("steps").EnumerateArray().Select(s => s.GetInt64())];
    }

    private sealed record Stretch(int RunId, int Attempt, string Worker, long FromStep, DateTime StartedAt, DateTime? EndedAt, string? Outcome);
}

/// <summary>
/// The tests that start a web process and workers on PostgreSQL take turns: together they put seven processes and a browser
/// on two cores, and ScaleOutTests' live-delivery check (a 20-step run's first point must arrive before it ends) then failed.
/// </summary>
[CollectionDefinition(nameof(ScaleOutTests))]
public sealed class ScaleOutProcesses;
