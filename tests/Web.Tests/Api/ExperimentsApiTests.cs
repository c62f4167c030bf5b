using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Data;
using Forgetless.Data.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Web.Tests.Api;

/// <summary>Experiments and runs through the API, with training off: runs stay where the API puts them.</summary>
public abstract class ExperimentsApiTests(StoreProvider store) : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new(store: store);
    private HttpClient client = null!;
    private int sftId;
    private int preferenceId;

    public async Task InitializeAsync()
    {
        client = await app.SignedInClientAsync();
        sftId = (await (await client.PostAsync("/api/datasets", Uploads.Raw(Uploads.Alpaca))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        preferenceId = (await (await client.PostAsync("/api/datasets", Uploads.Raw(Uploads.Preference))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [SkippableFact]
    public async Task Creating_an_experiment_queues_the_optimum_runs_then_one_run_per_schedule_and_lambda()
    {
        var experiment = await CreateAsync(["alright", "maxright"], [0.25, 0.75]);

        var runs = experiment.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(2 + 2 * 2, runs.Count);
        Assert.Equal(["SftOptimum", "DpoOptimum", "Schedule", "Schedule", "Schedule", "Schedule"], runs.Select(r => r.GetProperty("role").GetString()));
        Assert.Equal(["sft_only", "dpo_only", "alright", "alright", "maxright", "maxright"], runs.Select(r => r.GetProperty("schedule").GetString()));
        Assert.Equal(0.75, runs[3].GetProperty("lambda").GetDouble());
        Assert.All(runs, r => Assert.Equal("Queued", r.GetProperty("status").GetString()));
        Assert.All(runs, r => Assert.Equal("admin", r.GetProperty("launchedBy").GetString()));
        Assert.Equal("admin", experiment.GetProperty("createdBy").GetString());
    }

    [SkippableFact]
    public async Task A_pref_sft_experiment_queues_its_reference_run_before_the_optimum_runs_and_maxright_defaults_to_k_1()
    {
        var experiment = await CreateAsync(["maxright"], [0.5], reference: "pref_sft");

        var runs = experiment.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["PrefSftReference", "SftOptimum", "DpoOptimum", "Schedule"], runs.Select(r => r.GetProperty("role").GetString()));
        Assert.Equal(["pref_sft", "sft_only", "dpo_only", "maxright"], runs.Select(r => r.GetProperty("schedule").GetString()));
        Assert.Equal(1, runs[3].GetProperty("k").GetInt32());
        Assert.Equal("pref_sft", experiment.GetProperty("referenceChoice").GetString());
    }

    [SkippableFact]
    public async Task Every_launched_run_records_how_many_examples_its_maximum_length_cuts()
    {
        // GPT-2 tokens, responses with EOS. Pairs: "What is 2+2?" 6 + "It is four, I think." 7 + 1 = 14 (the longer);
        // "What is 3+3?" 6 + "Probably six." 3 + 1 = 10. SFT: both Alpaca prompts, with the template's preamble, pass 12 alone.
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "cut", sftDatasetId = sftId, preferenceDatasetId = preferenceId, schedules = new[] { "alright" }, lambdas = new[] { 0.5 },
            seedCount = 1, hyperparameters = new { steps = 4, evalInterval = 2, maxLength = 12, template = "alpaca" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var runs = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runs").EnumerateArray().ToList();

        Assert.Equal(3, runs.Count);
        foreach (var id in runs.Select(r => r.GetProperty("id").GetInt32()))
        {
            var truncation = (await RunAsync(id)).GetProperty("truncation");
            Assert.Equal(2, truncation.GetProperty("truncatedSftExamples").GetInt32());
            Assert.Equal(2, truncation.GetProperty("sftExamples").GetInt32());
            Assert.Equal(1, truncation.GetProperty("truncatedPreferencePairs").GetInt32());
            Assert.Equal(2, truncation.GetProperty("preferencePairs").GetInt32());
        }
    }

    [SkippableFact]
    public async Task A_maximum_length_the_model_cannot_take_is_refused_on_its_field()
    {
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "too long", sftDatasetId = sftId, preferenceDatasetId = preferenceId, seedCount = 1, hyperparameters = new { maxLength = 4096 },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("at most 256 tokens", problem.GetProperty("errors").GetProperty("hyperparameters.maxLength")[0].GetString());
    }

    [SkippableFact]
    public async Task LoRA_settings_travel_with_the_run_and_bad_ones_name_their_field()
    {
        var good = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "lora", sftDatasetId = sftId, preferenceDatasetId = preferenceId, seedCount = 1, schedules = new[] { "alright" },
            hyperparameters = new { steps = 4, lora = new { rank = 4, alpha = 8, dropout = 0.0, targetModules = new[] { "q_proj", "v_proj" } } },
        });
        var bad = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "bad lora", sftDatasetId = sftId, preferenceDatasetId = preferenceId, seedCount = 1,
            hyperparameters = new { lora = new { rank = 0, targetModules = new[] { "q_proj", "w_proj" } } },
        });

        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        var run = (await good.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runs")[0];
        var spec = JsonDocument.Parse((await RunAsync(run.GetProperty("id").GetInt32())).GetProperty("specJson").GetString()!).RootElement;
        Assert.Equal(4, spec.GetProperty("hyperparameters").GetProperty("lora").GetProperty("rank").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("hyperparameters.lora.rank", out _));
        Assert.Contains("w_proj", errors.GetProperty("hyperparameters.lora.targetModules[1]")[0].GetString());
    }

    [SkippableFact]
    public async Task A_bad_request_gets_problem_details_naming_the_fields()
    {
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "bad", sftDatasetId = preferenceId, preferenceDatasetId = preferenceId, schedules = new[] { "sometimes" }, lambdas = new[] { 1.5 },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("sftDatasetId", errors.EnumerateObject().Select(p => p.Name));
        Assert.Contains("schedules", errors.EnumerateObject().Select(p => p.Name));
        Assert.Contains("lambdas", errors.EnumerateObject().Select(p => p.Name));
    }

    [SkippableFact]
    public async Task A_queued_run_can_be_cancelled_and_resumed_but_not_resumed_twice()
    {
        var runId = (await CreateAsync(["mix"], [0.5])).GetProperty("runs")[2].GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{runId}/cancel", null)).StatusCode);
        Assert.Equal("Cancelled", (await RunAsync(runId)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{runId}/resume", null)).StatusCode);
        Assert.Equal("Queued", (await RunAsync(runId)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/runs/{runId}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/runs/9999/cancel", null)).StatusCode);
    }

    [SkippableFact]
    public async Task Neither_writes_nor_reads_work_without_sign_in()
    {
        var runId = (await CreateAsync(["mix"], [0.5])).GetProperty("runs")[0].GetProperty("id").GetInt32();
        using var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/experiments", new { name = "x", sftDatasetId = sftId, preferenceDatasetId = preferenceId })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/runs/{runId}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"/api/datasets/{sftId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/runs/{runId}")).StatusCode);
        Assert.Equal("Queued", (await RunAsync(runId)).GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task Metrics_come_back_as_JSON_curves_and_as_CSV()
    {
        var runId = (await CreateAsync(["mix"], [0.5])).GetProperty("runs")[2].GetProperty("id").GetInt32();
        var writer = app.Services.GetRequiredService<MetricWriter>();
        var now = DateTime.UtcNow;
        writer.Enqueue([new(runId, 0, "loss", 2.5, now), new(runId, 1, "loss", 2.0, now), new(runId, 0, "eval/sft_loss", 3.0, now), new(runId, 1, "dpo/loss", double.NaN, now)]);
        await writer.FlushAsync();

        var curves = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/metrics?names=loss");
        var csv = await client.GetStringAsync($"/api/runs/{runId}/metrics.csv");

        Assert.Equal("loss", curves[0].GetProperty("name").GetString());
        Assert.Equal([0L, 1L], curves[0].GetProperty("steps").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([2.5, 2.0], curves[0].GetProperty("values").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(
            ["run_id,step,name,value", $"{runId},0,eval/sft_loss,3", $"{runId},0,loss,2.5", $"{runId},1,dpo/loss,NaN", $"{runId},1,loss,2"],
            csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [SkippableFact]
    public async Task A_run_without_a_checkpoint_has_nothing_to_download()
    {
        var runId = (await CreateAsync(["mix"], [0.5])).GetProperty("runs")[0].GetProperty("id").GetInt32();

        var response = await client.GetAsync($"/api/runs/{runId}/checkpoint.zip");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task The_OpenAPI_document_lists_the_endpoints()
    {
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/datasets", paths);
        Assert.Contains("/api/experiments", paths);
        Assert.Contains("/api/runs/{id}/metrics.csv", paths);
    }

    private async Task<JsonElement> CreateAsync(string[] schedules, double[] lambdas, string reference = "sft_optimum")
    {
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "comparison", sftDatasetId = sftId, preferenceDatasetId = preferenceId, schedules, lambdas, tags = "test", referenceChoice = reference,
            seedCount = 1,
            hyperparameters = new { steps = 4, evalInterval = 2 },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> RunAsync(int id) => await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");

    /// <summary>The tests above on the embedded SQLite store.</summary>
    public sealed class OnSqlite() : ExperimentsApiTests(StoreProvider.Sqlite);

    /// <summary>The tests above on PostgreSQL (a fresh database on the test run's shared server).</summary>
    public sealed class OnPostgres() : ExperimentsApiTests(StoreProvider.Postgres);
}
