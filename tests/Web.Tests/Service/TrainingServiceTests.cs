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

        var alright = runs.Single(r => r.GetProperty("schedule").GetString() == "alright");
        Assert.True(alright.GetProperty("finalMetrics").GetProperty("ideal_distance").GetDouble() >= 0);
        var zip = await client.GetAsync($"/api/runs/{alright.GetProperty("id").GetInt32()}/checkpoint.zip");
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        Assert.Contains(archive.Entries, e => e.FullName.EndsWith(".safetensors", StringComparison.Ordinal));

        await Task.Delay(500); // hub sends are fire-and-forget (stack.md pitfall 16)
        lock (statuses) Assert.Contains(statuses, s => s.RunId == 1 && s.Status == RunStatus.Completed);
        lock (statuses) Assert.Contains(statuses, s => s.RunId == 3 && s.Status == RunStatus.Running);
        lock (batches) Assert.True(batches.Count >= 6 && batches.All(b => b.RunId == 1), $"{batches.Count} batches for run 1");
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

    private async Task<int> CreateAsync(int steps)
    {
        var datasets = await client.GetFromJsonAsync<JsonElement>("/api/datasets");
        int Id(string kind) => datasets.EnumerateArray().First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "tiny", sftDatasetId = Id("Sft"), preferenceDatasetId = Id("Preference"), schedules = new[] { "alright" }, lambdas = new[] { 0.5 },
            hyperparameters = new { steps, evalInterval = 3, sftBatchSize = 4, dpoBatchSize = 4, evalExamples = 8, maxLength = 48 },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private async Task<JsonElement> WaitAsync(int experimentId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var experiment = await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{experimentId}");
            if (done(experiment)) return experiment;
            Assert.True(DateTime.UtcNow < deadline, $"timed out; last state: {experiment}");
            await Task.Delay(200);
        }
    }

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
