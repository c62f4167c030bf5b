using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Data;

namespace Forgetless.Web.Tests.Api.Workspace;

public abstract class SurrogateUploadTests(StoreProvider store) : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new(store: store);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [SkippableFact]
    public async Task A_lone_surrogate_escape_is_a_400_naming_line_and_field_and_nothing_is_stored()
    {
        using var client = await app.SignedInClientAsync();
        const string body = "{\"instruction\": \"Fine.\", \"input\": \"\", \"output\": \"Yes.\"}\n{\"instruction\": \"a\\ud800\", \"input\": \"\", \"output\": \"No.\"}\n";

        var response = await client.PostAsync("/api/datasets?name=surrogate", Uploads.Raw(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.Equal("instruction", error.GetProperty("field").GetString());
        Assert.Empty(await client.GetFromJsonAsync<JsonElement[]>("/api/datasets") ?? []);
        Assert.Empty(app.StoredFiles());
    }

    [SkippableFact]
    public async Task A_dataset_name_with_a_line_break_is_refused_naming_the_field()
    {
        using var client = await app.SignedInClientAsync();

        var response = await client.PostAsync("/api/datasets?name=" + Uri.EscapeDataString("two\nlines"), Uploads.Raw(Uploads.Alpaca));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("name", out _));
        Assert.Empty(await client.GetFromJsonAsync<JsonElement[]>("/api/datasets") ?? []);
    }

    /// <summary>The tests above on the embedded SQLite store.</summary>
    public sealed class OnSqlite() : SurrogateUploadTests(StoreProvider.Sqlite);

    /// <summary>The tests above on PostgreSQL (a fresh database on the test run's shared server).</summary>
    public sealed class OnPostgres() : SurrogateUploadTests(StoreProvider.Postgres);
}
