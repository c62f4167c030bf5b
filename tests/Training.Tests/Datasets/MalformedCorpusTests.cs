using Forgetless.Training.Datasets;

namespace Forgetless.Training.Tests.Datasets;

/// <summary>Every file of Datasets/Malformed is rejected with the message in its .expected sidecar.</summary>
public class MalformedCorpusTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Datasets", "Malformed");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Folder).Where(IsDataFile).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Malformed_file_is_rejected_with_its_expected_first_message(string file)
    {
        var expected = File.ReadAllText(Path.Combine(Folder, Path.ChangeExtension(file, ".expected"))).TrimEnd('\n');

        var parsed = DatasetParser.ParseFile(Path.Combine(Folder, file));

        Assert.False(parsed.IsAccepted);
        Assert.Equal(0, parsed.Count);
        Assert.Contains(expected, parsed.Report.FirstError?.ToString());
    }

    [Fact]
    public void The_corpus_holds_at_least_fifteen_files_each_with_an_expectation()
    {
        var files = Directory.EnumerateFiles(Folder).Where(IsDataFile).ToList();

        Assert.True(files.Count >= 15, $"only {files.Count} malformed files");
        Assert.All(files, file => Assert.True(File.Exists(Path.ChangeExtension(file, ".expected")), $"{file} has no .expected"));
    }

    private static bool IsDataFile(string path) => Path.GetExtension(path) is ".jsonl" or ".json";
}
