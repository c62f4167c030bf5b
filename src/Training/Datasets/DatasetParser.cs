namespace Forgetless.Training.Datasets;

/// <summary>Whole-file conveniences over <see cref="DatasetReader"/>, for files small enough to hold in memory.</summary>
public static class DatasetParser
{
    public static ParsedDataset Parse(Stream stream, ParseOptions? options = null)
    {
        var reader = new DatasetReader(stream, options);
        var collected = new Collected();
        foreach (var row in reader.ReadRows())
        {
            collected.Add(row);
        }
        return collected.Result(reader.Report);
    }

    public static async Task<ParsedDataset> ParseAsync(Stream stream, ParseOptions? options = null, CancellationToken cancellationToken = default)
    {
        var reader = new DatasetReader(stream, options);
        var collected = new Collected();
        await foreach (var row in reader.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
        {
            collected.Add(row);
        }
        return collected.Result(reader.Report);
    }

    public static ParsedDataset ParseFile(string path, ParseOptions? options = null)
    {
        using var stream = File.OpenRead(path);
        return Parse(stream, options);
    }

    public static ParsedDataset ParseText(string text, ParseOptions? options = null)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        return Parse(stream, options);
    }

    /// <summary>Checks a whole stream without keeping any example (e.g. before storing an upload).</summary>
    public static ParseReport Validate(Stream stream, ParseOptions? options = null)
    {
        var reader = new DatasetReader(stream, options);
        foreach (var _ in reader.ReadRows())
        {
        }
        return reader.Report;
    }

    private sealed class Collected
    {
        private readonly List<SftExample> _sft = [];
        private readonly List<PreferenceExample> _preference = [];

        public void Add(DatasetRow row)
        {
            if (row.Sft is { } sft)
            {
                _sft.Add(sft);
            }
            else if (row.Preference is { } preference)
            {
                _preference.Add(preference);
            }
        }

        public ParsedDataset Result(ParseReport report) =>
            report.IsAccepted ? new ParsedDataset(report, _sft, _preference) : new ParsedDataset(report, [], []);
    }
}
