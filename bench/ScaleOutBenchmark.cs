using System.Diagnostics;
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
/// <c>worker</c> processes polling one queue, on a PostgreSQL server the benchmark starts (initdb in a temporary folder).
/// An experiment with 4 seeds (12 runs: per seed the SFT-only, DPO-only and ALRIGHT runs) trains on the demo task.
/// Claim latency: a run's first claim (its StartedAt) − the moment it became runnable (the experiment's creation for
/// the SFT-only runs, the end of the run(s) it waits for otherwise). Live latency: a hub client of the web process,
/// joined to every run, receives each step's batch; latency = receipt − the worker's report time (one machine clock).
/// Lease expiry to resume: one worker is SIGKILLed mid-run; time from the kill to the run's next stretch starting on
/// another worker (lease 5 s, heartbeat 1 s).
/// </summary>
public sealed class ScaleOutBenchmark : IBenchmark
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

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
            return MeasureAsync(server.CreateDatabase(), steps: options.Quick ? 20 : 60).GetAwaiter().GetResult();
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
        }
    }

    private async Task<List<BenchRow>> MeasureAsync(string store, int steps)
    {
        var environment = new Dictionary<string, string>
        {
            ["Forgetless__Store"] = store, ["Training__CheckpointEvery"] = "5", ["Training__ThreadsPerRun"] = "1",
            ["Training__LeaseDuration"] = Lease.ToString(), ["Training__HeartbeatInterval"] = "00:00:01",
        };
        using var web = await ServedApp.StartAsync(new Dictionary<string, string>(environment) { ["Training__ClaimRuns"] = "false" }, "--no-worker");
        var workers = Enumerable.Range(1, 4).Select(i => new WorkerProcess($"w{i}", web.DataDir, environment)).ToList();
        try
        {
            var batches = new List<(DateTime Sent, DateTime Received)>();
            await using var hub = await ConnectAsync(web, batches);
            var experimentId = await LaunchAsync(web.Client, steps);
            for (var run = 1; run <= 12; run++) await hub.InvokeAsync("JoinRun", run);

            var killed = await KillOneMidRunAsync(store, workers);
            await WaitForAllAsync(web.Client, experimentId, web.Output);
            var resumedAt = await ResumedAtAsync(store, killed.RunId);
            var claims = await ClaimLatenciesAsync(store);
            var latencies = LatenciesMs(batches);
            const string Case = "web + 4 workers, 12 runs";
            return
            [
                new(Name, Case, "claim latency p50", Percentile(claims, 0.5), "ms"),
                new(Name, Case, "claim latency max", Math.Round(claims[^1], 1), "ms"),
                new(Name, Case, "runs claimed", claims.Count, "runs"),
                new(Name, Case, "live latency p50", Percentile(latencies, 0.5), "ms", "< 1000", Percentile(latencies, 0.5) < 1000),
                new(Name, Case, "live latency p99", Percentile(latencies, 0.99), "ms"),
                new(Name, Case, "live batches received", latencies.Count, "batches"),
                new(Name, $"SIGKILL of a worker, lease {Lease.TotalSeconds:0} s", "kill to resume elsewhere", Math.Round((resumedAt - killed.At).TotalSeconds, 2), "s"),
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
        connection.On<JsonElement>("metrics", b =>
        {
            var received = DateTime.UtcNow;
            lock (batches) batches.Add((b.GetProperty("time").GetDateTime().ToUniversalTime(), received));
        });
        await connection.StartAsync();
        return connection;
    }

    private static async Task<int> LaunchAsync(HttpClient client, int steps)
    {
        var datasets = await client.GetFromJsonAsync<JsonElement>("/api/datasets");
        int Id(string kind) => datasets.EnumerateArray().First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "scale-out", sftDatasetId = Id("Sft"), preferenceDatasetId = Id("Preference"), schedules = new[] { "alright" }, lambdas = new[] { 0.5 }, seedCount = 4,
            hyperparameters = new { steps, evalInterval = 10, sftBatchSize = 4, dpoBatchSize = 4, evalExamples = 8, maxLength = 48 },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Creating the experiment failed: {body}");
        return body.GetProperty("id").GetInt32();
    }

    // SIGKILL the worker of the first Running run that has saved its step-5 checkpoint (it reported step 8).
    private static async Task<(int RunId, DateTime At)> KillOneMidRunAsync(string store, List<WorkerProcess> workers)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            await using var connection = new NpgsqlConnection(store);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT "Id", "ClaimedBy" FROM "Runs" WHERE "Status" = 'Running' AND "ClaimedBy" IS NOT NULL
                    AND EXISTS (SELECT 1 FROM "MetricPoints" m WHERE m."RunId" = "Runs"."Id" AND m."Name" = 'loss' AND m."Step" >= 8)
                ORDER BY "Id" LIMIT 1
                """, connection);
            await using (var reader = await command.ExecuteReaderAsync())
            {
                if (await reader.ReadAsync())
                {
                    var (runId, name) = (reader.GetInt32(0), reader.GetString(1));
                    workers.Single(w => w.Name == name).KillHard();
                    return (runId, DateTime.UtcNow);
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no run reached step 8; runs: {await RunStatesAsync(store)}\n{string.Join("\n", workers.Select(w => $"--- {w.Name}:\n{Tail(w.Output)}"))}");
    }

    private static async Task<string> RunStatesAsync(string store)
    {
        await using var connection = new NpgsqlConnection(store);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT string_agg(r."Id" || ':' || r."Status" || ':' || coalesce(r."ClaimedBy", '-') || ':' || (SELECT count(*) FROM "MetricPoints" m WHERE m."RunId" = r."Id"), ' ')
            FROM "Runs" r
            """, connection);
        return (await command.ExecuteScalarAsync())?.ToString() ?? "";
    }

    private static string Tail(string output) => output.Length <= 3000 ? output : output[^3000..];

    private static async Task<DateTime> ResumedAtAsync(string store, int runId)
    {
        await using var connection = new NpgsqlConnection(store);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "StartedAt" FROM "RunStretches" WHERE "RunId" = @run AND "Attempt" = 2""", connection);
        command.Parameters.AddWithValue("run", runId);
        return DateTime.SpecifyKind((DateTime)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"run {runId} was not resumed")), DateTimeKind.Utc);
    }

    // Runnable since: the experiment's creation (SFT-only), the seed's SFT-only run's end (DPO-only), both optima's end (schedule).
    private static async Task<List<double>> ClaimLatenciesAsync(string store)
    {
        await using var connection = new NpgsqlConnection(store);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT EXTRACT(EPOCH FROM (r."StartedAt" - CASE r."Role"
                WHEN 'SftOptimum' THEN r."CreatedAt"
                ELSE (SELECT max(d."FinishedAt") FROM "Runs" d WHERE d."ExperimentId" = r."ExperimentId" AND d."Seed" = r."Seed"
                    AND (d."Role" = 'SftOptimum' OR (r."Role" = 'Schedule' AND d."Role" = 'DpoOptimum'))) END)) * 1000
            FROM "Runs" r ORDER BY 1
            """, connection);
        var latencies = new List<double>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) latencies.Add(Convert.ToDouble(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        return latencies;
    }

    private static async Task WaitForAllAsync(HttpClient client, int experimentId, string output)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(20))
        {
            var experiment = await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{experimentId}");
            if (experiment.GetProperty("runs").EnumerateArray().All(r => r.GetProperty("status").GetString() is "Completed" or "Failed" or "Interrupted")) return;
            await Task.Delay(500);
        }

        throw new TimeoutException($"the experiment did not finish:\n{Tail(output)}");
    }

    private static List<double> LatenciesMs(List<(DateTime Sent, DateTime Received)> batches)
    {
        lock (batches) return [.. batches.Select(b => (b.Received - b.Sent).TotalMilliseconds).Order()];
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))], 1);
}
