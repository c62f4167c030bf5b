using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Web.Hubs;
using Forgetless.Web.Service.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RunStatus = Forgetless.Data.Entities.RunStatus;

namespace Forgetless.Web.Tests.Service;

/// <summary>Real TorchSharp training inside the test host, on the demo datasets seeded at first start (slow: ~50 s together).</summary>
public sealed class TrainingServiceTests : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new(train: true, seedDemo: true);
    private HttpClient client = null!;

    public async Task InitializeAsync() => client = await app.SignedInClientAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    [Trait("Category", "Slow")]
    public async Task An_experiment_trains_its_optimum_runs_then_its_schedule_and_stores_every_step_once()
    {
        var statuses = new List<RunStatusChange>();
        var batches = new List<RunMetricBatch>();
        await using var hub = await ConnectAsync(statuses, batches, joinRun: 1, joinExperiment: 1);

        var experimentId = await CreateAsync(steps: 6);
        var experiment = await WaitAsync(experimentId, e => e.GetProperty("runs").EnumerateArray().All(r => r.GetProperty("status").GetString() is "Completed" or "Failed"));

        var runs = experiment.GetProperty("runs").EnumerateArray().ToList();
        Assert.All(runs, r => Assert.Equal("Completed", r.GetProperty("status").GetString()));
        Assert.True(experiment.GetProperty("idealSft").GetDouble() > 0);
        Assert.True(experiment.GetProperty("idealDpo").GetDouble() > 0);
        foreach (var run in runs)
        {
            var id = run.GetProperty("id").GetInt32();
            var curves = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/metrics?names=loss,eval/sft_loss");
            Assert.Equal([0L, 1, 2, 3, 4, 5], Steps(curves, "loss"));
            Assert.Equal([0L, 3, 6], Steps(curves, "eval/sft_loss"));
            Assert.Equal(6, run.GetProperty("lastCheckpointStep").GetInt64()); // every run ends with a checkpoint of its last step
        }

        // The SFT-only run is its own DPO reference (sft_optimum): its f_DPO against θ₀ is stored under its own name while it
        // trains, and the experiment's f_DPO only at its end, where policy = reference makes it exactly ln 2.
        var sftOnly = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runs[0].GetProperty("id").GetInt32()}/metrics?names=eval/dpo_loss,eval/dpo_loss_vs_initial");
        Assert.Equal([6L], Steps(sftOnly, "eval/dpo_loss"));
        Assert.Equal(Math.Log(2), Values(sftOnly, "eval/dpo_loss").Single(), 12);
        Assert.Equal([0L, 3, 6], Steps(sftOnly, "eval/dpo_loss_vs_initial"));
        // MAXRIGHT's f* are the optimum runs' smoothed training losses; the reporting ideal point is the best held-out value.
        Assert.Equal(runs[0].GetProperty("finalMetrics").GetProperty("train/sft_loss_smoothed").GetDouble(), experiment.GetProperty("idealSft").GetDouble());
        Assert.Equal(runs[1].GetProperty("finalMetrics").GetProperty("train/dpo_loss_smoothed").GetDouble(), experiment.GetProperty("idealDpo").GetDouble());
        var heldOut = new List<double>();
        foreach (var run in runs)
        {
            var curves = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{run.GetProperty("id").GetInt32()}/metrics?names=eval/sft_loss");
            heldOut.AddRange(Values(curves, "eval/sft_loss"));
        }

        Assert.Equal(heldOut.Min(), experiment.GetProperty("ideal").GetProperty("sft").GetProperty("value").GetDouble(), 12);

        var alright = runs.Single(r => r.GetProperty("schedule").GetString() == "alright");
        Assert.True(alright.GetProperty("finalMetrics").TryGetProperty("forgetting/dpo", out _));
        Assert.True(alright.GetProperty("finalMetrics").GetProperty("ideal_distance").GetDouble() >= 0);
        var zip = await client.GetAsync($"/api/runs/{alright.GetProperty("id").GetInt32()}/checkpoint.zip");
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        // A Hugging Face folder others load: weights, config and generation config with the special ids, a tokenizer.
        Assert.Superset(new HashSet<string> { "model.safetensors", "config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json" },
            archive.Entries.Select(e => e.FullName).ToHashSet());
        using (var config = new StreamReader(archive.GetEntry("config.json")!.Open()))
            Assert.Equal(0, JsonDocument.Parse(await config.ReadToEndAsync()).RootElement.GetProperty("eos_token_id").GetInt32());

        // Hub sends are fire-and-forget (stack.md pitfall 16): wait until what a hub client would see has arrived.
        await Eventually.TrueAsync(() => { lock (statuses) return statuses.Any(s => s.RunId == 1 && s.Status == RunStatus.Completed) && statuses.Any(s => s.RunId == 3 && s.Status == RunStatus.Running); },
            TimeSpan.FromMinutes(2), () => { lock (statuses) return $"statuses: {string.Join(", ", statuses.Select(s => $"{s.RunId}:{s.Status}"))}"; });
        await Eventually.TrueAsync(() => { lock (batches) return batches.Count >= 6; }, TimeSpan.FromMinutes(2), () => $"{batches.Count} batches for run 1");
        lock (batches) Assert.True(batches.All(b => b.RunId == 1), "a batch of another run reached run 1's group");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_pref_sft_experiment_trains_its_reference_first_and_every_other_run_measures_f_dpo_against_it()
    {
        var experimentId = await CreateAsync(steps: 6, reference: "pref_sft", schedule: "sequential_dpo_sft");
        var experiment = await WaitAsync(experimentId, e => e.GetProperty("runs").EnumerateArray().All(r => r.GetProperty("status").GetString() is "Completed" or "Failed"));

        var runs = experiment.GetProperty("runs").EnumerateArray().ToList();
        Assert.All(runs, r => Assert.Equal("Completed", r.GetProperty("status").GetString()));
        Assert.Equal(["PrefSftReference", "SftOptimum", "DpoOptimum", "Schedule"], runs.Select(r => r.GetProperty("role").GetString()));
        Assert.True(runs[0].GetProperty("finishedAt").GetDateTime() <= runs[1].GetProperty("startedAt").GetDateTime());
        async Task<double> FirstDpoLoss(JsonElement run) => Values(
            await client.GetFromJsonAsync<JsonElement>($"/api/runs/{run.GetProperty("id").GetInt32()}/metrics?names=eval/dpo_loss"), "eval/dpo_loss")[0];
        // The reference run itself is measured against θ₀ (ln 2 at step 0). The optimum runs start from θ₀ too, but their
        // reference is the pref-SFT model: the same f_DPO at step 0 for both, and not ln 2.
        Assert.Equal(Math.Log(2), await FirstDpoLoss(runs[0]), 5);
        var sftOnlyStart = await FirstDpoLoss(runs[1]);
        Assert.Equal(sftOnlyStart, await FirstDpoLoss(runs[2]), 12);
        Assert.True(Math.Abs(sftOnlyStart - Math.Log(2)) > 1e-3, $"f_DPO at θ₀ against the pref-SFT model: {sftOnlyStart}");
        Assert.True(runs[3].GetProperty("finalMetrics").TryGetProperty("forgetting/dpo", out _));
        // The reporting ideal point leaves the reference run out: its f_SFT is on the chosen responses.
        Assert.NotEqual("Pref-SFT (reference)", experiment.GetProperty("ideal").GetProperty("sft").GetProperty("run").GetString());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Cancelling_a_running_run_stops_it_and_keeps_its_last_checkpoint()
    {
        var experimentId = await CreateAsync(steps: 5000);
        // Only the newest checkpoints are kept: wait for any one at step 4 or later while the run still trains.
        await WaitAsync(experimentId, e => e.GetProperty("runs")[0].GetProperty("status").GetString() == "Running"
            && Directory.Exists(Path.Combine(app.DataDir, "runs", "1", "checkpoints"))
            && Directory.GetDirectories(Path.Combine(app.DataDir, "runs", "1", "checkpoints"), "step-*")
                .Any(d => long.TryParse(Path.GetFileName(d)[5..], out var step) && step >= 4));

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/runs/1/cancel", null)).StatusCode);
        var experiment = await WaitAsync(experimentId, e => e.GetProperty("runs")[0].GetProperty("status").GetString() == "Cancelled");

        var run = experiment.GetProperty("runs")[0];
        Assert.True(run.GetProperty("lastCheckpointStep").GetInt64() >= 4);
        Assert.True(run.GetProperty("hasCheckpoint").GetBoolean());
        Assert.Equal("Queued", experiment.GetProperty("runs")[1].GetProperty("status").GetString()); // the DPO optimum waits for f*_SFT
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Each_seed_trains_against_its_own_optima_and_gets_its_own_interpolation_baseline()
    {
        var experimentId = await CreateAsync(steps: 4, seedCount: 2, schedule: "sequential_sft_dpo");
        var experiment = await WaitAsync(experimentId, e => e.GetProperty("runs").EnumerateArray().All(r => r.GetProperty("status").GetString() is "Completed" or "Failed")
            && e.GetProperty("interpolation").GetArrayLength() == 10);

        var runs = experiment.GetProperty("runs").EnumerateArray().ToList();
        Assert.All(runs, r => Assert.Equal("Completed", r.GetProperty("status").GetString()));
        foreach (var seed in new[] { 1, 2 })
        {
            var own = runs.Where(r => r.GetProperty("seed").GetInt32() == seed).ToList();
            Assert.Equal(["SftOptimum", "DpoOptimum", "Schedule"], own.Select(r => r.GetProperty("role").GetString()));
            double Final(JsonElement run, string name) => run.GetProperty("finalMetrics").GetProperty(name).GetDouble();
            var ideal = experiment.GetProperty("seedIdeals").EnumerateArray().Single(i => i.GetProperty("seed").GetInt32() == seed);
            // MAXRIGHT's f* of this seed come from this seed's optimum runs (their smoothed training losses), and its
            // SFT-only run is this seed's DPO reference.
            Assert.Equal(Final(own[0], "train/sft_loss_smoothed"), ideal.GetProperty("idealSft").GetDouble());
            Assert.Equal(Final(own[1], "train/dpo_loss_smoothed"), ideal.GetProperty("idealDpo").GetDouble());
            Assert.Equal(own[0].GetProperty("id").GetInt32(), ideal.GetProperty("referenceRunId").GetInt32());

            var line = experiment.GetProperty("interpolation").EnumerateArray().Where(p => p.GetProperty("seed").GetInt32() == seed).ToList();
            Assert.Equal(new[] { 0, 0.25, 0.5, 0.75, 1 }, line.Select(p => p.GetProperty("alpha").GetDouble()));
            Assert.Equal(Final(own[0], "eval/sft_loss"), line[0].GetProperty("evalSftLoss").GetDouble(), 6);
            Assert.Equal(Final(own[2], "eval/sft_loss"), line[4].GetProperty("evalSftLoss").GetDouble(), 6);
            Assert.Equal(Final(own[2], "eval/dpo_loss"), line[4].GetProperty("evalDpoLoss").GetDouble(), 6);
        }

        Assert.NotEqual(runs[0].GetProperty("finalMetrics").GetProperty("eval/sft_loss").GetDouble(),
            runs.First(r => r.GetProperty("seed").GetInt32() == 2).GetProperty("finalMetrics").GetProperty("eval/sft_loss").GetDouble());
    }

    private async Task<int> CreateAsync(int steps, int seedCount = 1, string reference = "sft_optimum", string schedule = "alright")
    {
        var datasets = await client.GetFromJsonAsync<JsonElement>("/api/datasets");
        int Id(string kind) => datasets.EnumerateArray().First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "tiny", sftDatasetId = Id("Sft"), preferenceDatasetId = Id("Preference"), schedules = new[] { schedule }, lambdas = new[] { 0.5 }, referenceChoice = reference,
            seedCount,
            hyperparameters = new { steps, evalInterval = 3, sftBatchSize = 4, dpoBatchSize = 4, evalExamples = 8, maxLength = 48 },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private async Task<JsonElement> WaitAsync(int experimentId, Func<JsonElement, bool> done)
    {
        // Generous: on a shared 2-core machine under load a 6-step run of the tiny model has taken 100 s.
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            var experiment = await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{experimentId}");
            if (done(experiment)) return experiment;
            Assert.True(DateTime.UtcNow < deadline, $"timed out; last state: {experiment}");
            await Task.Delay(200);
        }
    }

    private static List<double> Values(JsonElement curves, string name) =>
        [.. curves.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).GetProperty("values").EnumerateArray().Select(v => v.GetDouble())];

    private static IEnumerable<long> Steps(JsonElement curves, string name) =>
        curves.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).GetProperty("steps").EnumerateArray().Select(s => s.GetInt64());

    private async Task<HubConnection> ConnectAsync(List<RunStatusChange> statuses, List<RunMetricBatch> batches, int joinRun, int joinExperiment)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, RunsHub.Path), o => { o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler(); o.Transports = HttpTransportType.LongPolling; o.AccessTokenProvider = app.AdminTokenAsync; })
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
                o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            })
            .Build();
        connection.On<RunStatusChange>(RunsHub.StatusMessage, s => { lock (statuses) statuses.Add(s); });
        connection.On<RunMetricBatch>(RunsHub.MetricsMessage, b => { lock (batches) batches.Add(b); });
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(RunsHub.JoinRun), joinRun);
        await connection.InvokeAsync(nameof(RunsHub.JoinExperiment), joinExperiment);
        return connection;
    }
}
