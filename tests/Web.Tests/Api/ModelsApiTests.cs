using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Data;
using Forgetless.Training.Checkpoints;

namespace Forgetless.Web.Tests.Api;

/// <summary>The model library through the API on a real SQLite file: presets, imports, refusals that store nothing, delete.</summary>
public abstract class ModelsApiTests(StoreProvider store) : IAsyncLifetime
{
    // tiny: per layer q,o 2·64·64 + k,v 2·64·32 (2 KV heads × 16) + MLP 3·64·172 + norms 2·64 = 45,440; × 2 layers + final norm 64.
    private const long TinyNonEmbeddingParameters = 90_944;

    // stories260K: embedding 512·64 = 32,768 (tied head); per layer 2·64·64 + 2·64·32 + 3·64·172 + 2·64 = 45,440, × 5; final norm 64.
    private const long Stories260KParameters = 260_032;

    private readonly ForgetlessFactory app = new(store: store);
    private HttpClient client = null!;

    public async Task InitializeAsync() => client = await app.SignedInClientAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [SkippableFact]
    public async Task A_fresh_library_lists_only_the_built_in_presets_with_their_parameter_counts()
    {
        var models = (await client.GetFromJsonAsync<JsonElement>("/api/models")).EnumerateArray().ToList();

        Assert.Equal(["tiny", "bench17m"], models.Select(m => m.GetProperty("name").GetString()));
        Assert.All(models, m => Assert.Equal("Preset", m.GetProperty("kind").GetString()));
        Assert.Equal(TinyNonEmbeddingParameters, models[0].GetProperty("parameterCount").GetInt64());
        Assert.Equal("tiny", models[0].GetProperty("engineModel").GetString());
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(app.DataDir, "models"))); // nothing seeded from ../shared
    }

    [SkippableFact]
    public async Task A_llama2c_pair_is_imported_into_a_Hugging_Face_folder_once()
    {
        var (modelBytes, tokenizerBytes) = (File.ReadAllBytes(ModelUploads.Stories260KModel), File.ReadAllBytes(ModelUploads.Stories260KTokenizer));

        var response = await ModelUploads.PostLlama2cAsync(client, modelBytes, tokenizerBytes);
        var again = await ModelUploads.PostLlama2cAsync(client, modelBytes, tokenizerBytes);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var model = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("stories260K", model.GetProperty("name").GetString());
        Assert.Equal("Llama2cImport", model.GetProperty("kind").GetString());
        Assert.Equal("LlamaForCausalLM", model.GetProperty("architecture").GetString());
        Assert.Equal(Stories260KParameters, model.GetProperty("parameterCount").GetInt64());
        Assert.Equal(512, model.GetProperty("vocabSize").GetInt32());
        Assert.Equal(modelBytes.Length + tokenizerBytes.Length, model.GetProperty("sizeBytes").GetInt64());
        var folder = Path.Combine(app.DataDir, model.GetProperty("engineModel").GetString()!);
        Assert.Equal($"models/{model.GetProperty("contentHash").GetString()}", model.GetProperty("engineModel").GetString());
        Assert.Equal(["config.json", "generation_config.json", "model.safetensors", "tokenizer.json"], Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => n != "tokenizer_config.json").Order());
        using (var loaded = HuggingFaceCheckpoint.Load(folder)) Assert.Equal(512, loaded.Tokenizer.VocabSize);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // the same files: the existing model
        Assert.Equal(model.GetProperty("id").GetInt32(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
        Assert.Equal(3, (await client.GetFromJsonAsync<JsonElement>("/api/models")).GetArrayLength());
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(app.DataDir, "uploads")));
    }

    [SkippableFact]
    public async Task A_corrupt_llama2c_file_is_rejected_naming_it_and_nothing_is_stored()
    {
        var before = await StateAsync();
        var header = new byte[28];
        BitConverter.GetBytes(64).CopyTo(header, 0); // dim 64, everything else 0: an implausible header

        var response = await ModelUploads.PostLlama2cAsync(client, header, [1, 2, 3], "broken.bin");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Contains("broken.bin", detail);
        Assert.Contains("implausible llama2.c header", detail);
        Assert.DoesNotContain(app.DataDir, detail); // no server paths in answers
        Assert.Equal(before, await StateAsync());
    }

    [SkippableFact]
    public async Task A_zip_with_a_parent_directory_entry_is_rejected_and_nothing_is_written_anywhere()
    {
        var before = await StateAsync();

        var response = await ModelUploads.PostZipAsync(client, ModelUploads.Zip(("config.json", "{}"u8.ToArray()), ("../evil", "pwned"u8.ToArray())));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'../evil' has an unsafe path", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.False(File.Exists(Path.Combine(app.DataDir, "evil")));
        Assert.False(File.Exists(Path.Combine(app.DataDir, "uploads", "evil")));
        Assert.Equal(before, await StateAsync());
    }

    [SkippableFact]
    public async Task A_zip_that_is_not_a_model_folder_is_rejected_and_nothing_is_stored()
    {
        var before = await StateAsync();

        var notZip = await ModelUploads.PostZipAsync(client, "not a zip"u8.ToArray());
        var noConfig = await ModelUploads.PostZipAsync(client, ModelUploads.Zip(("README.md", "hello"u8.ToArray())), "readme");
        var badConfig = await ModelUploads.PostZipAsync(client, ModelUploads.Zip(("config.json", """{"architectures": ["BertModel"]}"""u8.ToArray())));

        Assert.Contains("not a zip archive", await DetailAsync(notZip));
        Assert.Contains("has no config.json", await DetailAsync(noConfig));
        Assert.Contains("BertModel", await DetailAsync(badConfig));
        Assert.Equal(before, await StateAsync());
    }

    [SkippableFact]
    public async Task A_zipped_Hugging_Face_folder_is_imported_from_inside_its_top_folder()
    {
        var folder = Path.Combine(app.DataDir, "..", Guid.NewGuid().ToString("n"));
        Llama2cImport.Run(ModelUploads.Stories260KModel, ModelUploads.Stories260KTokenizer, folder);
        byte[] zip;
        try
        {
            zip = ModelUploads.ZipFolder(folder, prefix: "stories-hf/");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var response = await ModelUploads.PostZipAsync(client, zip, "stories HF");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var model = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("stories HF", "HuggingFace"), (model.GetProperty("name").GetString(), model.GetProperty("kind").GetString()));
        Assert.Equal(Stories260KParameters, model.GetProperty("parameterCount").GetInt64());
        Assert.True(File.Exists(Path.Combine(app.DataDir, model.GetProperty("engineModel").GetString()!, "model.safetensors")));
    }

    [SkippableFact]
    public async Task An_experiment_on_an_imported_model_names_its_folder_and_keeps_it_from_being_deleted()
    {
        var model = await (await ModelUploads.PostLlama2cAsync(client, File.ReadAllBytes(ModelUploads.Stories260KModel), File.ReadAllBytes(ModelUploads.Stories260KTokenizer)))
            .Content.ReadFromJsonAsync<JsonElement>();
        var modelId = model.GetProperty("id").GetInt32();
        var folder = Path.Combine(app.DataDir, model.GetProperty("engineModel").GetString()!);
        var sft = (await (await client.PostAsync("/api/datasets", Uploads.Raw(Uploads.Alpaca))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var preference = (await (await client.PostAsync("/api/datasets", Uploads.Raw(Uploads.Preference))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var created = await client.PostAsJsonAsync("/api/experiments", new { name = "on stories", sftDatasetId = sft, preferenceDatasetId = preference, modelId, schedules = new[] { "alright" } });
        var experiment = await created.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(model.GetProperty("engineModel").GetString(), experiment.GetProperty("model").GetString());
        Assert.All(experiment.GetProperty("runs").EnumerateArray(), r => Assert.Equal("Queued", r.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await client.DeleteAsync($"/api/models/{modelId}")).StatusCode);
        Assert.True(Directory.Exists(folder));
        Assert.Equal(HttpStatusCode.Conflict, (await client.DeleteAsync("/api/models/1")).StatusCode); // a preset

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/experiments/{experiment.GetProperty("id").GetInt32()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/models/{modelId}")).StatusCode);
        Assert.False(Directory.Exists(folder));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/models/{modelId}")).StatusCode);
    }

    [SkippableFact]
    public async Task An_experiment_on_an_unknown_model_is_refused_naming_the_field()
    {
        var response = await client.PostAsJsonAsync("/api/experiments", new { name = "x", sftDatasetId = 1, preferenceDatasetId = 2, modelId = 999 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("No model has id 999.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("modelId")[0].GetString());
    }

    [SkippableFact]
    public async Task Imports_need_a_signed_in_user_and_multipart_needs_the_antiforgery_token()
    {
        using var anonymous = app.CreateClient();
        using var form = new MultipartFormDataContent { { new ByteArrayContent([0]), "model", "m.bin" }, { new ByteArrayContent([0]), "tokenizer", "t.bin" } };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/models/llama2c", form)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync("/api/models/1")).StatusCode);
        var withoutToken = await client.PostAsync("/api/models/llama2c", form);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Contains("antiforgery", await DetailAsync(withoutToken));
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
    }

    // The models as listed, and every stored file (uploads scratch included).
    private async Task<string> StateAsync() =>
        (await client.GetStringAsync("/api/models")) + "\n" + string.Join("\n", app.StoredFiles());

    /// <summary>The tests above on the embedded SQLite store.</summary>
    public sealed class OnSqlite() : ModelsApiTests(StoreProvider.Sqlite);

    /// <summary>The tests above on PostgreSQL (a fresh database on the test run's shared server).</summary>
    public sealed class OnPostgres() : ModelsApiTests(StoreProvider.Postgres);
}
