using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Forgetless.Web.Tests.Api.Workspace;

/// <summary>Every bound of a new experiment answers 400 problem details naming the field, and nothing is created.</summary>
public abstract class ExperimentLimitsTests(StoreProvider store) : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new(store: store);
    private HttpClient client = null!;
    private int sft, preference;

    public async Task InitializeAsync()
    {
        client = await app.SignedInClientAsync();
        sft = await Things.UploadAsync(client, Uploads.Alpaca, "sft");
        preference = await Things.UploadAsync(client, Uploads.Preference, "pref");
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    public static TheoryData<string, string> Bounds() => new()
    {
        { """{"template": "../../../etc/passwd"}""", "hyperparameters.template" },
        { """{"sftBatchSize": 1000000000}""", "hyperparameters.sftBatchSize" },
        { """{"dpoBatchSize": 1025}""", "hyperparameters.dpoBatchSize" },
        { """{"evalExamples": -5}""", "hyperparameters.evalExamples" },
        { """{"evalExamples": 1000000000}""", "hyperparameters.evalExamples" },
        { """{"steps": 10, "warmupSteps": 11}""", "hyperparameters.warmupSteps" },
        { """{"warmupSteps": -1}""", "hyperparameters.warmupSteps" },
        { """{"seed": -1}""", "hyperparameters.seed" },
        { """{"steps": 0}""", "hyperparameters.steps" },
        { """{"steps": 1000001}""", "hyperparameters.steps" },
        { """{"maxLength": 9000}""", "hyperparameters.maxLength" },
        { """{"evalInterval": 0}""", "hyperparameters.evalInterval" },
        { """{"beta": 1000}""", "hyperparameters.beta" },
        { """{"k": 0}""", "hyperparameters.k" },
    };

    [SkippableTheory]
    [MemberData(nameof(Bounds))]
    public async Task A_hyperparameter_out_of_bounds_is_refused_naming_its_field(string hyperparameters, string field)
    {
        var response = await client.PostAsJsonAsync("/api/experiments", Things.Request("bounds", sft, preference, JsonDocument.Parse(hyperparameters).RootElement));

        await AssertRefusedAsync(response, field);
    }

    [SkippableTheory]
    [InlineData("name", "a\u0000b")]
    [InlineData("name", "two\nlines")]
    [InlineData("tags", "a,\u0007b")]
    public async Task Control_characters_and_lone_surrogates_in_text_are_refused(string field, string text)
    {
        var request = new Dictionary<string, object> { ["name"] = "ok", ["sftDatasetId"] = sft, ["preferenceDatasetId"] = preference, ["schedules"] = new[] { "mix" }, ["lambdas"] = new[] { 0.5 } };
        request[field] = text;

        await AssertRefusedAsync(await client.PostAsJsonAsync("/api/experiments", request), field);
    }

    [SkippableFact]
    public async Task A_lone_surrogate_escape_in_the_name_is_refused_naming_the_field()
    {
        var json = $$"""{"name": "lone \ud800 surrogate", "sftDatasetId": {{sft}}, "preferenceDatasetId": {{preference}}, "schedules": ["mix"], "lambdas": [0.5]}""";

        var response = await client.PostAsync("/api/experiments", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("name", out _));
        Assert.Empty(await client.GetFromJsonAsync<JsonElement[]>("/api/experiments") ?? []);
    }

    [SkippableFact]
    public async Task Five_thousand_lambdas_are_refused_as_too_many_runs()
    {
        var lambdas = Enumerable.Range(0, 5000).Select(i => i / 5000.0).ToArray();

        await AssertRefusedAsync(await client.PostAsJsonAsync("/api/experiments", Things.Request("many", sft, preference, new { steps = 4 }, lambdas)), "lambdas");
    }

    [SkippableFact]
    public async Task The_run_limit_is_a_setting()
    {
        await using var strict = app.WithWebHostBuilder(b => b.UseSetting("Forgetless:MaxRunsPerExperiment", "4"));
        using var strictClient = strict.CreateClient();
        strictClient.DefaultRequestHeaders.Add("Origin", "http://localhost");
        (await strictClient.PostAsJsonAsync("/api/auth/login", new { name = "admin", password = app.AdminPassword })).EnsureSuccessStatusCode();

        var two = await strictClient.PostAsJsonAsync("/api/experiments", Things.Request("two", sft, preference, new { steps = 4 }, [0.25, 0.75]));
        var three = await strictClient.PostAsJsonAsync("/api/experiments", Things.Request("three", sft, preference, new { steps = 4 }, [0.25, 0.5, 0.75]));

        var twoSeeds = await strictClient.PostAsJsonAsync("/api/experiments", Things.Request("two seeds", sft, preference, new { steps = 4 }, [0.5], seedCount: 2));

        Assert.Equal(HttpStatusCode.Created, two.StatusCode); // 2 + 2 optimum runs = 4
        await AssertRefusedAsync(three, "lambdas", stored: 1);
        await AssertRefusedAsync(twoSeeds, "lambdas", stored: 1); // (1 + 2 optimum runs) × 2 seeds = 6
    }

    [SkippableFact]
    public async Task Percent_and_underscore_in_a_search_match_literally()
    {
        foreach (var name in new[] { "100% sure", "plain", "snake_case" })
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/experiments", Things.Request(name, sft, preference, new { steps = 4 }))).StatusCode);
        }

        Assert.Equal(["100% sure"], await NamesAsync("%"));
        Assert.Equal(["snake_case"], await NamesAsync("_"));
        Assert.Equal(3, (await NamesAsync("")).Count);
    }

    private async Task<List<string>> NamesAsync(string search) =>
        [.. (await client.GetFromJsonAsync<JsonElement[]>($"/api/experiments?search={Uri.EscapeDataString(search)}"))!.Select(e => e.GetProperty("name").GetString()!)];

    private async Task AssertRefusedAsync(HttpResponseMessage response, string field, int stored = 0)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(field, errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal(stored, (await client.GetFromJsonAsync<JsonElement[]>("/api/experiments") ?? []).Length);
    }

    /// <summary>The tests above on the embedded SQLite store.</summary>
    public sealed class OnSqlite() : ExperimentLimitsTests(StoreProvider.Sqlite);

    /// <summary>The tests above on PostgreSQL (a fresh database on the test run's shared server).</summary>
    public sealed class OnPostgres() : ExperimentLimitsTests(StoreProvider.Postgres);
}
