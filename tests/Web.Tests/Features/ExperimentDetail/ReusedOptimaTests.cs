using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Training.Running.Experiments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Web.Tests.Features.ExperimentDetail;

/// <summary>The experiment page says when its optimum runs were reused from another experiment instead of trained again.</summary>
public sealed class ReusedOptimaTests : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new();
    private HttpClient client = null!;

    public async Task InitializeAsync() => client = await app.SignedInClientAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_second_identical_experiment_links_the_earlier_experiments_optimum_run_it_reused()
    {
        var sftId = (await (await client.PostAsync("/api/datasets", Uploads.Raw(Uploads.Alpaca))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var preferenceId = (await (await client.PostAsync("/api/datasets", Uploads.Raw(Uploads.Preference))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        async Task<JsonElement> CreateAsync(string name) => await (await client.PostAsJsonAsync("/api/experiments", new
        {
            name, sftDatasetId = sftId, preferenceDatasetId = preferenceId, schedules = new[] { "alright" }, lambdas = new[] { 0.5 }, seedCount = 1,
        })).Content.ReadFromJsonAsync<JsonElement>();
        var first = await CreateAsync("first");
        var firstId = first.GetProperty("id").GetInt32();
        await FinishOptimaAsync(firstId);

        var second = (await CreateAsync("second")).GetProperty("id").GetInt32();
        var firstPage = await client.GetStringAsync($"/experiments/{firstId}");
        var secondPage = await client.GetStringAsync($"/experiments/{second}");

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var sftOptimum = await db.Runs.SingleAsync(r => r.ExperimentId == firstId && r.Role == RunRole.SftOptimum);
        Assert.DoesNotContain(await db.Runs.Where(r => r.ExperimentId == second).Select(r => r.Role).ToListAsync(), role => role == RunRole.SftOptimum);
        Assert.DoesNotContain("reused-optima", firstPage);
        Assert.Contains("reused-optima", secondPage);
        Assert.Contains($"href=\"/runs/{sftOptimum.Id}\"", secondPage);
        Assert.Contains($"href=\"/experiments/{firstId}\"", secondPage);
    }

    // As if the first experiment's optimum runs had trained: completed, with the final losses MAXRIGHT takes its f* from.
    private async Task FinishOptimaAsync(int experimentId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        foreach (var run in await db.Runs.Where(r => r.ExperimentId == experimentId && r.Role != RunRole.Schedule).ToListAsync())
        {
            run.Status = RunStatus.Completed;
            run.FinalMetricsJson = JsonSerializer.Serialize(new Dictionary<string, double> { [TrainingLossOptimum.SftMetric] = 1.5, [TrainingLossOptimum.DpoMetric] = 0.6 });
        }

        await db.SaveChangesAsync();
    }
}
