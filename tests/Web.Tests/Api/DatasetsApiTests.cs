using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Forgetless.Data;
using Forgetless.Training.Datasets;
using Forgetless.Training.Tokenization;

namespace Forgetless.Web.Tests.Api;

public abstract class DatasetsApiTests(StoreProvider store) : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new(store: store);
    private HttpClient client = null!;

    public async Task InitializeAsync() => client = await app.SignedInClientAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [SkippableFact]
    public async Task A_valid_upload_is_stored_under_its_hash_and_listed()
    {
        var response = await client.PostAsync("/api/datasets?name=tiny-alpaca", Uploads.Raw(Uploads.Alpaca));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var dataset = await response.Content.ReadFromJsonAsync<JsonElement>();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Uploads.Alpaca)));
        Assert.Equal(hash, dataset.GetProperty("contentHash").GetString());
        Assert.Equal("Sft", dataset.GetProperty("kind").GetString());
        Assert.Equal("alpaca", dataset.GetProperty("format").GetString());
        Assert.Equal(2, dataset.GetProperty("rowCount").GetInt32());
        Assert.Equal("admin", dataset.GetProperty("uploadedBy").GetString());
        Assert.Equal([$"files/{hash}.jsonl"], app.StoredFiles());
        Assert.Equal(Uploads.Alpaca, File.ReadAllText(Path.Combine(app.DataDir, "files", hash + ".jsonl")));
        var list = await client.GetFromJsonAsync<JsonElement>("/api/datasets");
        Assert.Equal("tiny-alpaca", list[0].GetProperty("name").GetString());
    }

    [SkippableFact]
    public async Task The_same_bytes_again_answer_the_existing_dataset()
    {
        var first = await (await client.PostAsync("/api/datasets?name=a", Uploads.Raw(Uploads.Preference))).Content.ReadFromJsonAsync<JsonElement>();

        var again = await client.PostAsync("/api/datasets?name=b", Uploads.Raw(Uploads.Preference));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(first.GetProperty("id").GetInt32(), second.GetProperty("id").GetInt32());
        Assert.Equal("a", second.GetProperty("name").GetString());
        Assert.Single(await client.GetFromJsonAsync<JsonElement[]>("/api/datasets") ?? []);
        Assert.Single(app.StoredFiles());
    }

    [SkippableFact]
    public async Task A_different_file_under_a_taken_name_is_kept_under_a_numbered_name()
    {
        const string thirdFile = """
            {"instruction": "Name a fruit.", "input": "", "output": "An apple is a fruit."}
            """;

        var first = await UploadAsync("mine", Uploads.Alpaca);
        var second = await UploadAsync("mine", Uploads.Preference);
        var third = await UploadAsync(" mine ", thirdFile);
        var again = await client.PostAsync("/api/datasets?name=mine", Uploads.Raw(Uploads.Preference));

        Assert.Equal(["mine", "mine (2)", "mine (3)"], new[] { first, second, third }.Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("mine (2)", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        var names = (await client.GetFromJsonAsync<JsonElement[]>("/api/datasets"))!.Select(d => d.GetProperty("name").GetString()).Order();
        Assert.Equal(["mine", "mine (2)", "mine (3)"], names);
        Assert.Equal(3, app.StoredFiles().Count);
    }

    [SkippableFact]
    public async Task A_long_taken_name_is_shortened_so_the_numbered_name_still_fits()
    {
        var longName = new string('x', 250);

        var first = await UploadAsync(longName, Uploads.Alpaca);
        var second = await UploadAsync(longName, Uploads.Preference);

        Assert.Equal(new string('x', 190), first.GetProperty("name").GetString());
        Assert.Equal(new string('x', 190) + " (2)", second.GetProperty("name").GetString());
    }

    [SkippableFact]
    public async Task Preview_shows_normalised_rows_with_token_counts()
    {
        var created = await (await client.PostAsync("/api/datasets", Uploads.Raw(Uploads.Preference))).Content.ReadFromJsonAsync<JsonElement>();

        var rows = await client.GetFromJsonAsync<JsonElement>($"/api/datasets/{created.GetProperty("id").GetInt32()}/preview?offset=1&count=5");

        Assert.Equal(1, rows.GetArrayLength());
        var row = rows[0];
        Assert.Equal(2, row.GetProperty("line").GetInt32());
        Assert.Contains("What is 3+3?", row.GetProperty("prompt").GetString());
        Assert.Equal("6", row.GetProperty("chosen").GetString());
        Assert.Equal("Probably six.", row.GetProperty("rejected").GetString());
        Assert.Equal(Gpt2Tokenizer.Instance.Encode("6").Count, row.GetProperty("chosenTokens").GetInt32());
        Assert.Equal(Gpt2Tokenizer.Instance.Encode("Probably six.").Count, row.GetProperty("rejectedTokens").GetInt32());
        Assert.True(row.GetProperty("rejectedTokens").GetInt32() > row.GetProperty("chosenTokens").GetInt32());
    }

    [SkippableFact]
    public async Task Preview_renders_prompts_with_trainings_alpaca_template_unless_another_is_asked_for()
    {
        var created = await (await client.PostAsync("/api/datasets", Uploads.Raw(Uploads.Alpaca))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();

        var alpaca = (await client.GetFromJsonAsync<JsonElement>($"/api/datasets/{id}/preview?count=1"))[0];
        var plain = (await client.GetFromJsonAsync<JsonElement>($"/api/datasets/{id}/preview?count=1&template=plain"))[0];
        var unknown = await client.GetAsync($"/api/datasets/{id}/preview?template=mystery");

        Assert.Equal("alpaca", alpaca.GetProperty("template").GetString());
        Assert.Equal(new AlpacaTemplate().Render(Prompt.FromTurns([new ChatTurn("user", "Add 2 and 3.")])), alpaca.GetProperty("prompt").GetString());
        Assert.Equal(Gpt2Tokenizer.Instance.Encode(alpaca.GetProperty("prompt").GetString()!).Count, alpaca.GetProperty("promptTokens").GetInt32());
        Assert.Equal("User: Add 2 and 3.\nAssistant: ", plain.GetProperty("prompt").GetString());
        Assert.Equal("user", alpaca.GetProperty("turns")[0].GetProperty("role").GetString());
        Assert.Equal("Add 2 and 3.", alpaca.GetProperty("turns")[0].GetProperty("content").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [SkippableFact]
    public async Task Deleting_a_dataset_removes_its_row_and_file()
    {
        var created = await (await client.PostAsync("/api/datasets", Uploads.Raw(Uploads.Alpaca))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/datasets/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/datasets/{id}")).StatusCode);
        Assert.Empty(app.StoredFiles());
    }

    [SkippableFact]
    public async Task Uploading_without_signing_in_is_refused()
    {
        using var anonymous = app.CreateClient();

        var response = await anonymous.PostAsync("/api/datasets", Uploads.Raw(Uploads.Alpaca));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(app.StoredFiles());
    }

    [SkippableFact]
    public async Task A_multipart_form_without_an_antiforgery_token_is_refused()
    {
        using var form = new MultipartFormDataContent { { new StringContent(Uploads.Alpaca), "file", "alpaca.jsonl" } };

        var response = await client.PostAsync("/api/datasets", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery", await response.Content.ReadAsStringAsync());
        Assert.Empty(app.StoredFiles());
    }

    [SkippableFact]
    public async Task Path_like_names_never_reach_the_file_system()
    {
        var response = await client.PostAsync("/api/datasets?name=..%2F..%2F..%2Ftmp%2Fevil", Uploads.Raw(Uploads.Alpaca));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Single(app.StoredFiles(), f => f.StartsWith("files/", StringComparison.Ordinal));
        Assert.False(File.Exists("/tmp/evil"));
        Assert.False(File.Exists(Path.Combine(app.DataDir, "..", "..", "..", "tmp", "evil")));
    }

    private async Task<JsonElement> UploadAsync(string name, string body)
    {
        var response = await client.PostAsync($"/api/datasets?name={Uri.EscapeDataString(name)}", Uploads.Raw(body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The tests above on the embedded SQLite store.</summary>
    public sealed class OnSqlite() : DatasetsApiTests(StoreProvider.Sqlite);

    /// <summary>The tests above on PostgreSQL (a fresh database on the test run's shared server).</summary>
    public sealed class OnPostgres() : DatasetsApiTests(StoreProvider.Postgres);
}
