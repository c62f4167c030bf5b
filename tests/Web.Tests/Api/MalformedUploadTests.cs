using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Forgetless.Web.Tests.Api;

/// <summary>Every file of the engine's malformed corpus, uploaded through the API: 400 with the line, nothing stored.</summary>
public sealed class MalformedUploadTests(MalformedUploadTests.App app) : IClassFixture<MalformedUploadTests.App>
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Malformed");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Folder).Where(p => Path.GetExtension(p) is ".jsonl" or ".json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_malformed_file_is_rejected_with_its_message_and_changes_nothing(string file)
    {
        var client = await app.ClientAsync();
        var expected = File.ReadAllText(Path.Combine(Folder, Path.ChangeExtension(file, ".expected"))).TrimEnd('\n');
        var filesBefore = app.StoredFiles();
        var datasetsBefore = await client.GetStringAsync("/api/datasets");

        var response = await client.PostAsync("/api/datasets?name=bad", Uploads.Raw(File.ReadAllBytes(Path.Combine(Folder, file))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The dataset was rejected", problem.GetProperty("title").GetString());
        Assert.Contains(expected, problem.GetProperty("detail").GetString());
        Assert.Contains(expected, problem.GetProperty("errors")[0].GetProperty("text").GetString());
        if (expected.StartsWith("line ", StringComparison.Ordinal))
        {
            Assert.True(problem.GetProperty("errors")[0].GetProperty("line").GetInt32() > 0);
        }

        Assert.Equal(filesBefore, app.StoredFiles());
        Assert.Equal(datasetsBefore, await client.GetStringAsync("/api/datasets"));
    }

    [Fact]
    public void The_corpus_was_copied_next_to_the_tests() => Assert.True(Files().Count >= 15);

    /// <summary>One app for the whole corpus, with one good dataset stored so "unchanged" is not trivially empty.</summary>
    public sealed class App : ForgetlessFactory
    {
        private HttpClient? client;

        public async Task<HttpClient> ClientAsync()
        {
            if (client is not null) return client;
            client = await SignedInClientAsync();
            (await client.PostAsync("/api/datasets?name=good", Uploads.Raw(Uploads.Alpaca))).EnsureSuccessStatusCode();
            return client;
        }
    }
}
