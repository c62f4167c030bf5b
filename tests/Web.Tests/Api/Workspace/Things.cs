using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Forgetless.Web.Tests.Api.Workspace;

/// <summary>Datasets and experiments made through the API by a given client, for the access tests.</summary>
public static class Things
{
    public static async Task<int> UploadAsync(HttpClient client, string body, string name)
    {
        var response = await client.PostAsync($"/api/datasets?name={name}", Uploads.Raw(body));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>An experiment (one mix run plus the optimum runs) on fresh datasets; answers its id and its schedule run's id.</summary>
    public static async Task<(int ExperimentId, int RunId)> ExperimentAsync(HttpClient client, string name, object? hyperparameters = null)
    {
        var sft = await UploadAsync(client, Uploads.Alpaca, name + "-sft");
        var preference = await UploadAsync(client, Uploads.Preference, name + "-pref");
        var response = await client.PostAsJsonAsync("/api/experiments", Request(name, sft, preference, hyperparameters ?? new { steps = 4, evalInterval = 2 }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var experiment = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (experiment.GetProperty("id").GetInt32(), experiment.GetProperty("runs")[2].GetProperty("id").GetInt32());
    }

    public static object Request(string name, int sft, int preference, object hyperparameters, double[]? lambdas = null, string[]? schedules = null, string tags = "", int seedCount = 1) => new
    {
        name, sftDatasetId = sft, preferenceDatasetId = preference, schedules = schedules ?? ["mix"], lambdas = lambdas ?? [0.5], hyperparameters, tags, seedCount,
    };

    public static async Task<string> StatusAsync(HttpClient client, int runId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}")).GetProperty("status").GetString()!;
}
