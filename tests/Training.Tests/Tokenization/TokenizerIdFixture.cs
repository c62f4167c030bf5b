using System.Text.Json;
using System.Text.Json.Serialization;

namespace Forgetless.Training.Tests.Tokenization;

/// <summary>
/// Expected ids made by an independent implementation (tools/tokenizer-fixtures/), committed under
/// Fixtures/tokenizers/: one case per hard string, with the ids and that implementation's decoding.
/// </summary>
public sealed record TokenizerIdFixture(
    [property: JsonPropertyName("made_by")] string MadeBy,
    [property: JsonPropertyName("cases")] IReadOnlyList<TokenizerIdCase> Cases)
{
    public static TokenizerIdFixture Load(string fileName)
    {
        var root = SharedData.RepositoryRoot() ?? throw new InvalidOperationException("Run the tests from the repository (WebApp.sln not found above the test binaries).");
        var path = Path.Combine(root, "tests", "Training.Tests", "Fixtures", "tokenizers", fileName);
        return JsonSerializer.Deserialize<TokenizerIdFixture>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty.");
    }

    public TokenizerIdCase this[string name] => Cases.Single(c => c.Name == name);

    public static IEnumerable<object[]> CaseNames(string fileName) => Load(fileName).Cases.Select(c => new object[] { c.Name });
}

public sealed record TokenizerIdCase(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("ids")] int[] Ids,
    [property: JsonPropertyName("decoded")] string Decoded);
