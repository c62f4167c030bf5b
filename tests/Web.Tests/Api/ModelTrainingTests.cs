using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forgetless.Web.Tests.E2E;

namespace Forgetless.Web.Tests.Api;

/// <summary>A real model through the whole service on real Kestrel: import stories260K, queue an experiment on it, train a few steps.</summary>
public sealed class ModelTrainingTests : IDisposable
{
    private readonly KestrelAppFactory app = new();

    public void Dispose() => app.Dispose();

    [SkippableFact]
    public async Task An_imported_llama2c_model_trains_in_the_queue()
    {
        var (modelPath, tokenizerPath) = (ModelUploads.Stories260KModel, ModelUploads.Stories260KTokenizer);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new() }) { BaseAddress = new Uri(app.BaseUrl) };
        client.DefaultRequestHeaders.Add("Origin", app.BaseUrl); // as the app's own pages would: cookie writes must be same-origin
        (await client.PostAsJsonAsync("/api/auth/login", new { name = "admin", password = app.AdminPassword() })).EnsureSuccessStatusCode();
        var import = await ModelUploads.PostLlama2cAsync(client, File.ReadAllBytes(modelPath), File.ReadAllBytes(tokenizerPath));
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        var modelId = (await import.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var experimentId = await CreateExperimentAsync(client, modelId);
        var experiment = await WaitAsync(client, experimentId, e => e.GetProperty("runs").EnumerateArray().All(r => r.GetProperty("status").GetString() is "Completed" or "Failed"));

        var runs = experiment.GetProperty("runs").EnumerateArray().ToList();
        Assert.All(runs, r => Assert.True(r.GetProperty("status").GetString() == "Completed", $"run {r.GetProperty("id")}: {r}"));
        Assert.Equal(3, runs.Count); // SFT optimum, DPO optimum, ALRIGHT λ=0.5
        var curves = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runs[0].GetProperty("id").GetInt32()}/metrics?names=eval/sft_loss");
        Assert.Equal([0L, 1, 2], curves[0].GetProperty("steps").EnumerateArray().Select(s => s.GetInt64())); // θ₀, then after each step
    }

    private static async Task<int> CreateExperimentAsync(HttpClient client, int modelId)
    {
        int Upload(HttpResponseMessage r) => r.Content.ReadFromJsonAsync<JsonElement>().Result.GetProperty("id").GetInt32();
        var sft = string.Join("\n", Enumerable.Range(1, 8).Select(i => $$"""{"instruction": "Tell a story about cat {{i}}.", "input": "", "output": "Once upon a time there was a cat."}"""));
        var preference = string.Join("\n", Enumerable.Range(1, 8).Select(i => $$"""{"prompt": "Story {{i}}?", "chosen": "Once upon a time, a dog played.", "rejected": "No."}"""));
        var sftId = Upload(await client.PostAsync("/api/datasets", Uploads.Raw(Encoding.UTF8.GetBytes(sft))));
        var preferenceId = Upload(await client.PostAsync("/api/datasets", Uploads.Raw(Encoding.UTF8.GetBytes(preference))));
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "stories", sftDatasetId = sftId, preferenceDatasetId = preferenceId, modelId, schedules = new[] { "alright" }, lambdas = new[] { 0.5 },
            seedCount = 1,
            hyperparameters = new { steps = 2, evalInterval = 1, sftBatchSize = 2, dpoBatchSize = 2, evalExamples = 2, maxLength = 32 },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Upload(response);
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, int experimentId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(8); // sized for a loaded 2-core machine
        while (true)
        {
            var experiment = await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{experimentId}");
            if (done(experiment)) return experiment;
            Assert.True(DateTime.UtcNow < deadline, $"timed out; last state: {experiment}");
            await Task.Delay(200);
        }
    }
}
