using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Data.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Web.Tests.Api;

/// <summary>Deleting runs, experiments and datasets through the API, on a real SQLite file; training is off, statuses are set in the store.</summary>
public abstract class DeleteApiTests(StoreProvider store) : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new(store: store);
    private readonly Dictionary<int, int> experimentOfRun = [];
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
    public async Task Deleting_a_finished_run_removes_its_row_metric_points_and_folder_and_nothing_else()
    {
        var runs = await CreateAsync();
        var (doomed, sibling) = (runs[2], runs[3]);
        await SetStatusAsync(doomed, RunStatus.Completed);
        await AddPointsAsync(doomed, sibling);
        var folder = AddFolder($"runs/{doomed}/checkpoints/step-000002");

        var response = await client.DeleteAsync($"/api/runs/{doomed}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{doomed}")).StatusCode);
        Assert.False(Directory.Exists(Path.GetDirectoryName(Path.GetDirectoryName(folder))));
        Assert.Equal(0, await PointCountAsync(doomed));
        Assert.Equal(2, await PointCountAsync(sibling));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/runs/{sibling}")).StatusCode);
    }

    [SkippableFact]
    public async Task A_running_run_cannot_be_deleted()
    {
        var runId = (await CreateAsync())[2];
        await SetStatusAsync(runId, RunStatus.Running);

        var response = await client.DeleteAsync($"/api/runs/{runId}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("running", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal("Running", (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}")).GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task An_optimum_run_that_queued_runs_still_wait_for_cannot_be_deleted()
    {
        var runs = await CreateAsync();

        var response = await client.DeleteAsync($"/api/runs/{runs[0]}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"run {runs[1]}", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/runs/{runs[0]}")).StatusCode);
    }

    [SkippableFact]
    public async Task Deleting_an_experiment_removes_its_runs_metric_points_and_folders_but_not_other_experiments()
    {
        var doomed = await CreateAsync();
        var kept = await CreateAsync();
        await AddPointsAsync(doomed[0], kept[0]);
        AddFolder($"runs/{doomed[2]}/checkpoints/step-000002");
        AddFolder($"runs/{kept[2]}/checkpoints/step-000002");
        AddFolder($"experiments/{ExperimentOf(doomed)}/demo");

        var response = await client.DeleteAsync($"/api/experiments/{ExperimentOf(doomed)}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/experiments/{ExperimentOf(doomed)}")).StatusCode);
        foreach (var id in doomed) Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{id}")).StatusCode);
        Assert.Equal(0, await PointCountAsync(doomed[0]));
        Assert.Equal(2, await PointCountAsync(kept[0]));
        Assert.Equal([$"runs/{kept[2]}/checkpoints/step-000002/model.safetensors"], app.StoredFiles().Where(f => !f.StartsWith("files/", StringComparison.Ordinal)));
        Assert.Equal(4, (await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{ExperimentOf(kept)}")).GetProperty("runs").GetArrayLength());
    }

    [SkippableFact]
    public async Task An_experiment_with_a_running_run_cannot_be_deleted()
    {
        var runs = await CreateAsync();
        await SetStatusAsync(runs[0], RunStatus.Running);

        var response = await client.DeleteAsync($"/api/experiments/{ExperimentOf(runs)}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, (await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{ExperimentOf(runs)}")).GetProperty("runs").GetArrayLength());
    }

    [SkippableFact]
    public async Task An_experiment_whose_finished_SFT_optimum_another_experiment_reuses_as_its_reference_waits_for_that_experiment()
    {
        var first = await CreateAsync();
        await SetStatusAsync(first[0], RunStatus.Completed, """{"eval/sft_loss": 1.25, "train/sft_loss_smoothed": 1.2}""");
        var second = await CreateAsync();

        Assert.Equal(3, second.Count); // the SFT optimum is reused, so only the DPO optimum and the schedule run are new
        Assert.Equal(HttpStatusCode.Conflict, (await client.DeleteAsync($"/api/experiments/{ExperimentOf(first)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/experiments/{ExperimentOf(second)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/experiments/{ExperimentOf(first)}")).StatusCode);
    }

    [SkippableFact]
    public async Task A_dataset_an_experiment_uses_can_be_deleted_only_once_the_experiment_is_gone()
    {
        var runs = await CreateAsync();

        var refused = await client.DeleteAsync($"/api/datasets/{sftId}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, app.StoredFiles().Count(f => f.StartsWith("files/", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/experiments/{ExperimentOf(runs)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/datasets/{sftId}")).StatusCode);
        Assert.Single(app.StoredFiles(), f => f.StartsWith("files/", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Deleting_needs_a_signed_in_user_and_an_existing_target()
    {
        var runs = await CreateAsync();
        using var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"/api/runs/{runs[2]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"/api/experiments/{ExperimentOf(runs)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/runs/9999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/experiments/9999")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/runs/{runs[2]}")).StatusCode);
    }

    private int ExperimentOf(List<int> runs) => experimentOfRun[runs[^1]];

    // Returns the run ids: [sft_only, dpo_only, mix 0.25, mix 0.75], fewer when an optimum run is reused.
    private async Task<List<int>> CreateAsync()
    {
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "doomed", sftDatasetId = sftId, preferenceDatasetId = preferenceId, schedules = new[] { "mix" }, lambdas = new[] { 0.25, 0.75 },
            seedCount = 1,
            hyperparameters = new { steps = 4 },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var experiment = await response.Content.ReadFromJsonAsync<JsonElement>();
        var ids = experiment.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList();
        foreach (var id in ids) experimentOfRun[id] = experiment.GetProperty("id").GetInt32();
        return ids;
    }

    private async Task SetStatusAsync(int runId, RunStatus status, string? finalMetrics = null)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.FinalMetricsJson, finalMetrics));
    }

    private async Task AddPointsAsync(params int[] runIds)
    {
        var writer = app.Services.GetRequiredService<MetricWriter>();
        foreach (var id in runIds) writer.Enqueue([new(id, 0, "loss", 2.5, DateTime.UtcNow), new(id, 1, "loss", 2.0, DateTime.UtcNow)]);
        await writer.FlushAsync();
    }

    private async Task<int> PointCountAsync(int runId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.MetricPoints.CountAsync(m => m.RunId == runId);
    }

    private string AddFolder(string relative)
    {
        var folder = Path.Combine(app.DataDir, relative);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "model.safetensors"), "weights");
        return folder;
    }

    /// <summary>The tests above on the embedded SQLite store.</summary>
    public sealed class OnSqlite() : DeleteApiTests(StoreProvider.Sqlite);

    /// <summary>The tests above on PostgreSQL (a fresh database on the test run's shared server).</summary>
    public sealed class OnPostgres() : DeleteApiTests(StoreProvider.Postgres);
}
