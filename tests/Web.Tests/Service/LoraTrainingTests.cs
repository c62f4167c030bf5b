using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Data;
using Forgetless.Web.Features.NewExperiment;
using Forgetless.Web.Features.Samples;
using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Storage;
using Forgetless.Web.Service.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Forgetless.Web.Tests.Service;

/// <summary>A LoRA experiment launched through the service, as the New experiment form sends it (real TorchSharp; slow).</summary>
public sealed class LoraTrainingTests : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new(train: true, seedDemo: true);
    private HttpClient client = null!;

    public async Task InitializeAsync() => client = await app.SignedInClientAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_LoRA_run_completes_shows_its_adapter_settings_and_its_model_answers_on_the_samples_page()
    {
        var datasets = await client.GetFromJsonAsync<JsonElement>("/api/datasets");
        int Id(string kind) => datasets.EnumerateArray().First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();
        // What the New experiment form launches with its LoRA switch on and the rank, alpha and targets changed.
        var form = new ExperimentForm
        {
            Name = "lora", SftDatasetId = Id("Sft"), PreferenceDatasetId = Id("Preference"), Schedules = [ScheduleNames.Alright],
            SeedCount = 1, Steps = 4, EvalInterval = 2, SftBatchSize = 4, DpoBatchSize = 4, MaxLength = 48, MaxLengthChosen = true,
            UseLora = true, LoraRank = 4, LoraAlpha = 8, LoraTargets = ["q_proj", "v_proj"],
        };
        var (experimentId, problems) = await app.Services.GetRequiredService<ExperimentCommands>().CreateAsync(form.ToRequest(), "admin");
        Assert.Empty(problems);

        var runs = await WaitForEndAsync(experimentId!.Value);

        Assert.All(runs, r => Assert.Equal("Completed", r.GetProperty("status").GetString()));
        var schedule = runs.Single(r => r.GetProperty("role").GetString() == "Schedule").GetProperty("id").GetInt32();
        var page = await client.GetStringAsync($"/runs/{schedule}");
        Assert.Contains("Lora rank", page);
        Assert.Contains("q_proj, v_proj", page);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var run = await db.Runs.Include(r => r.Experiment).ThenInclude(e => e!.SftDataset).Include(r => r.Experiment).ThenInclude(e => e!.PreferenceDataset)
            .SingleAsync(r => r.Id == schedule);
        var checkpoint = app.Services.GetRequiredService<DataDirectory>().Resolve(run.LastCheckpointPath!);
        Assert.True(File.Exists(Path.Combine(checkpoint, "adapter_model.safetensors")), "the adapters were saved"); // and model.safetensors merged
        var sampler = new RunSampler(app.Services.GetRequiredService<DataDirectory>(), app.Services.GetRequiredService<IOptions<TrainingOptions>>().Value);
        var answers = sampler.Answer(run, ["What is the capital of France?"], maxNewTokens: 8);
        Assert.Single(answers);
    }

    private async Task<List<JsonElement>> WaitForEndAsync(int experimentId)
    {
        // Generous: on a shared 2-core machine under load a 6-step run of the tiny model has taken 100 s.
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            var experiment = await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{experimentId}");
            var runs = experiment.GetProperty("runs").EnumerateArray().ToList();
            if (runs.All(r => r.GetProperty("status").GetString() is "Completed" or "Failed" or "Cancelled")) return runs;
            Assert.True(DateTime.UtcNow < deadline, $"timed out; last state: {experiment}");
            await Task.Delay(500);
        }
    }
}
