using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Forgetless.Web.Tests.Service;

/// <summary>Counts every live TorchSharp tensor in the process, so nothing else may run beside it.</summary>
[CollectionDefinition(nameof(TensorLifetimeTests), DisableParallelization = true)]
public sealed class TensorCountCollection;

/// <summary>A server that trains for weeks must not keep tensors from finished runs: the count returns to its baseline.</summary>
[Collection(nameof(TensorLifetimeTests))]
public sealed class TensorLifetimeTests : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new(train: true, seedDemo: true);
    private HttpClient client = null!;

    public async Task InitializeAsync() => client = await app.SignedInClientAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    // Counted with EngineMemory, which leaves out the wrappers TorchSharp's Parameter constructor empties but keeps counting
    // (ParameterHandles): the raw Tensor.TotalCount climbed 0 → 95 → 133 here with nothing kept.
    [Fact]
    [Trait("Category", "Slow")]
    public async Task After_each_experiment_through_the_service_the_live_tensor_count_is_back_to_its_baseline()
    {
        var baseline = SettledLiveTensors();

        await TrainExperimentAsync();
        var afterFirst = SettledLiveTensors();
        await TrainExperimentAsync();
        var afterSecond = SettledLiveTensors();

        Assert.True(afterFirst <= baseline && afterSecond <= baseline,
            $"live tensors: {baseline} before, {afterFirst} after one experiment (3 runs), {afterSecond} after two");
    }

    private static long SettledLiveTensors() => Forgetless.Training.Running.EngineMemory.Settled().LiveTensors;

    private async Task TrainExperimentAsync()
    {
        var datasets = await client.GetFromJsonAsync<JsonElement>("/api/datasets");
        int Id(string kind) => datasets.EnumerateArray().First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "tensors", sftDatasetId = Id("Sft"), preferenceDatasetId = Id("Preference"), schedules = new[] { "alright" }, lambdas = new[] { 0.5 }, seedCount = 1,
            hyperparameters = new { steps = 6, evalInterval = 3, sftBatchSize = 4, dpoBatchSize = 4, evalExamples = 8, maxLength = 48 },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var deadline = DateTime.UtcNow.AddMinutes(8); // sized for a loaded 2-core machine
        while (true)
        {
            var experiment = await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}");
            var statuses = experiment.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
            if (statuses.All(s => s is "Completed" or "Failed"))
            {
                Assert.All(statuses, s => Assert.Equal("Completed", s));
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out; last state: {experiment}");
            await Task.Delay(200);
        }
    }
}
