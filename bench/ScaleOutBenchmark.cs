using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Forgetless.Data.Tests;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Forgetless.Bench;

/// <summary>
/// Several machines on one PostgreSQL (issue 9), as real processes: a web process (<c>serve --no-worker</c>) and 4
/// <c>worker</c> processes polling one queue (default 2 s poll), on a PostgreSQL server the benchmark starts (initdb in a
/// temporary folder). An experiment with 3 seeds (9 runs: per seed the SFT-only, DPO-only and ALRIGHT runs, each waiting
/// for the one before) trains on the demo task once every worker is warm; a seed's runs follow each other, so a worker
/// stays idle and no number below includes waiting for a busy worker. Claim latency: a run's first claim (its StartedAt) − the moment it became
/// runnable (the experiment's creation for the SFT-only runs, the end of the run(s) it waits for otherwise). Live latency:
/// a SignalR hub client of the web process (the path of any outside client; a browser adds its own rendering), joined
/// to every run, receives each step's batch; latency = receipt − the worker's report time (one machine clock). Resume: one
/// worker is SIGKILLed mid-run; kill → its lease's end → the run re-queued by a surviving process → the run's next
/// stretch starting on another worker.
/// </summary>
public sealed class ScaleOutBenchmark : IBenchmark
{
    // The app's default lease. Shorter ones (5 s, 10 s) expired before the first checkpoint at load averages of 50 to 120,
    // which ends a run as Interrupted and leaves its dependents unrunnable (docs/benchmarks.md). The resume numbers are
    // reported from the lease's end, so its length only moves "kill to lease expiry".
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private const int Seeds = 3;
    private const int Runs = 3 * Seeds;

    public string Name => "scale-out-postgres";

    public IEnumerable<BenchRow> Run(BenchOptions options)
    {
        using var server = new PostgresServer();
        if (server.Unavailable is { } why)
        {
            Console.Error.WriteLine($"{Name}: skipped: {why}");
            return [];
        }

        try
        {
            return MeasureAsync(server.CreateDatabase(), steps: options.Quick ? 20 : 60, TimeSpan.FromMinutes(options.Quick ? 10 : 30)).GetAwaiter().GetResult();
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
        }
    }

    private async Task<List<BenchRow>> MeasureAsync(string store, int steps, TimeSpan timeout)
    {
        var environment = new Dictionary<string, string>
        {
            ["Forgetless__Store"] = store, ["Training__CheckpointEvery"] = "5", ["Training__ThreadsPerRun"] = "1",
            ["Training__LeaseDuration"] = Lease.ToString(), ["Training__HeartbeatInterval"] = "00:00:01",
        };
        var deadline = DateTime.UtcNow + timeout;
        using var web = await ServedApp.StartAsync(new Dictionary<string, string>(environment) { ["Training__ClaimRuns"] = "false" }, "--no-worker");
        var workers = Enumerable.Range(1, 4).Select(i => new WorkerProcess($"w{i}", web.DataDir, environment)).ToList();
        var probe = new ScaleOutProbe(store, web, workers, deadline);
        try
        {
            await probe.UntilAsync("every worker has heartbeat twice", "SELECT count(*) = 4 FROM \"Workers\" WHERE \"HeartbeatAt\" >= \"StartedAt\" + interval '2 seconds'");
            var batches = new List<(DateTime Sent, DateTime Received)>();
            await using var hub = await ConnectAsync(web, batches);
            await LaunchAsync(web.Client, steps);
            for (var run = 1; run <= Runs; run++) await hub.InvokeAsync("JoinRun", run);

            var killed = await KillOneMidRunAsync(probe, workers);
            await probe.UntilAsync("every run completed", $"SELECT count(*) = {Runs} FROM \"Runs\" WHERE \"Status\" = 'Completed'");
            var resume = await ResumeAsync(probe, killed.RunId);
            var perRun = await probe.RowsAsync(ClaimLatencySql);
            Console.Error.WriteLine($"{Name}: claim latency per run: {string.Join(", ", perRun.Select(r => $"{r[0]} {r[1]:F0} ms"))}");
            List<double> claims = [.. perRun.Select(r => Convert.ToDouble(r[1], CultureInfo.InvariantCulture)).Order()];
            var latencies = LatenciesMs(batches);
            var setup = $"web + 4 workers, {Runs} runs";
            var kill = $"SIGKILL of a worker, lease {Lease.TotalSeconds:0} s";
            return
            [
                new(Name, setup, "claim latency p50", Percentile(claims, 0.5), "ms"),
                new(Name, setup, "claim latency p99", Percentile(claims, 0.99), "ms"),
                new(Name, setup, "runs claimed", claims.Count, "runs"),
                new(Name, setup, "live latency p50 (hub client)", Percentile(latencies, 0.5), "ms", "< 1000", Percentile(latencies, 0.5) < 1000),
                new(Name, setup, "live latency p99 (hub client)", Percentile(latencies, 0.99), "ms"),
                new(Name, setup, "live batches received", latencies.Count, "batches"),
                new(Name, kill, "kill to lease expiry", Seconds(killed.At, killed.LeaseEnd), "s"),
                new(Name, kill, "lease expiry to re-queued", Seconds(killed.LeaseEnd, resume.Requeued), "s"),
                new(Name, kill, "re-queued to resumed elsewhere", Seconds(resume.Requeued, resume.Resumed), "s"),
                new(Name, kill, "lease expiry to resumed elsewhere", Seconds(killed.LeaseEnd, resume.Resumed), "s"),
                new(Name, kill, "kill to resumed elsewhere", Seconds(killed.At, resume.Resumed), "s"),
            ];
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
    }

    private static async Task<HubConnection> ConnectAsync(ServedApp web, List<(DateTime Sent, DateTime Received)> batches)
    {
        var token = (await (await web.Client.PostAsJsonAsync("/api/tokens", new { name = "bench" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var connection = new HubConnectionBuilder()
            .WithUrl(web.Url + "/hubs/runs", o => o.AccessTokenProvider = () => Task.FromResult(token))
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
                o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
            })
            .Build();
        // A web process starved of CPU answers late: the defaults (15 s handshake, 30 s without a ping) end the connection.
        connection.HandshakeTimeout = TimeSpan.FromMinutes(2);
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        connection.On<JsonElement>("metrics", b =>
        {
            var received = DateTime.UtcNow;
            lock (batches) batches.Add((b.GetProperty("time").GetDateTime().ToUniversalTime(), received));
        });
        await connection.StartAsync();
        return connection;
    }

    private static async Task LaunchAsync(HttpClient client, int steps)
    {
        var datasets = await client.GetFromJsonAsync<JsonElement>("/api/datasets");
        int Id(string kind) => datasets.EnumerateArray().First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "scale-out", sftDatasetId = Id("Sft"), preferenceDatasetId = Id("Preference"), schedules = new[] { "alright" }, lambdas = new[] { 0.5 }, seedCount = Seeds,
            hyperparameters = new { steps, evalInterval = 10, sftBatchSize = 4, dpoBatchSize = 4, evalExamples = 8, maxLength = 48 },
        });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Creating the experiment failed: {await response.Content.ReadAsStringAsync()}");
    }

    // SIGKILL the worker of the first Running run that reported step 8 (its step-5 checkpoint is saved); then read the
    // lease it last renewed, which no one renews any more.
    private static async Task<(int RunId, DateTime At, DateTime LeaseEnd)> KillOneMidRunAsync(ScaleOutProbe probe, List<WorkerProcess> workers)
    {
        await probe.UntilAsync("a run past step 8", """
            SELECT count(*) > 0 FROM "Runs" WHERE "Status" = 'Running' AND "ClaimedBy" IS NOT NULL
                AND EXISTS (SELECT 1 FROM "MetricPoints" m WHERE m."RunId" = "Runs"."Id" AND m."Name" = 'loss' AND m."Step" >= 8)
            """);
        var victim = await probe.RowAsync("""
            SELECT "Id", "ClaimedBy" FROM "Runs" WHERE "Status" = 'Running' AND "ClaimedBy" IS NOT NULL
                AND EXISTS (SELECT 1 FROM "MetricPoints" m WHERE m."RunId" = "Runs"."Id" AND m."Name" = 'loss' AND m."Step" >= 8)
            ORDER BY "Id" LIMIT 1
            """);
        var runId = Convert.ToInt32(victim[0], CultureInfo.InvariantCulture);
        workers.Single(w => w.Name == (string)victim[1]).KillHard();
        var at = DateTime.UtcNow;
        var lease = await probe.RowAsync($"""SELECT "LeaseExpiresAt" FROM "Runs" WHERE "Id" = {runId}""");
        return (runId, at, Utc(lease[0]));
    }

    // Attempt 1's stretch ends when a surviving process re-queues the run; attempt 2's starts once another worker has claimed it.
    private static async Task<(DateTime Requeued, DateTime Resumed)> ResumeAsync(ScaleOutProbe probe, int runId)
    {
        var ended = await probe.RowAsync($"""SELECT "EndedAt", "Outcome" FROM "RunStretches" WHERE "RunId" = {runId} AND "Attempt" = 1""");
        var resumed = await probe.RowAsync($"""SELECT "StartedAt" FROM "RunStretches" WHERE "RunId" = {runId} AND "Attempt" = 2""");
        if ((string)ended[1] != "LeaseExpired") throw new InvalidOperationException($"run {runId}'s first stretch ended {ended[1]}, not LeaseExpired");
        return (Utc(ended[0]), Utc(resumed[0]));
    }

    // Runnable since: the experiment's creation (SFT-only), the seed's SFT-only run's end (DPO-only), both optima's end (schedule).
    private const string ClaimLatencySql = """
        SELECT r."Role", EXTRACT(EPOCH FROM (r."StartedAt" - CASE r."Role"
            WHEN 'SftOptimum' THEN r."CreatedAt"
            ELSE (SELECT max(d."FinishedAt") FROM "Runs" d WHERE d."ExperimentId" = r."ExperimentId" AND d."Seed" = r."Seed"
                AND (d."Role" = 'SftOptimum' OR (r."Role" = 'Schedule' AND d."Role" = 'DpoOptimum'))) END)) * 1000
        FROM "Runs" r ORDER BY r."Id"
        """;

    private static List<double> LatenciesMs(List<(DateTime Sent, DateTime Received)> batches)
    {
        lock (batches) return [.. batches.Select(b => (b.Received - b.Sent).TotalMilliseconds).Order()];
    }

    private static DateTime Utc(object value) => value is DateTime time ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : throw new InvalidOperationException($"no time: {value}");

    private static double Seconds(DateTime from, DateTime to) => Math.Round((to - from).TotalSeconds, 2);

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))], 1);
}
