using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Forgetless.Training.Datasets.Formats;

namespace Forgetless.Training.Datasets.Reading;

/// <summary>
/// Turns the rows a splitter cuts into examples and errors: UTF-8 and JSON checks, format detection on the
/// first object row, then the format's own field checks. Counts everything; keeps the first MaxErrors errors.
/// </summary>
internal sealed class RowInterpreter(ParseOptions options)
{
    private static readonly JsonDocumentOptions JsonOptions = new() { AllowDuplicateProperties = false };

    private readonly List<ParseError> _errors = [];
    private IRowFormat? _format;
    private bool _sawRow;

    public DatasetFormat? Format => _format?.Format;

    public int GoodRows { get; private set; }

    public int BadRows { get; private set; }

    public int ErrorCount { get; private set; }

    /// <summary>Nothing after this can be read (unknown format, wrong kind, broken array).</summary>
    public bool Stopped { get; private set; }

    /// <summary>Whether good rows may still be handed out: always when skipping, else only until the first bad row.</summary>
    public bool YieldsRows => options.SkipInvalidRows || BadRows == 0;

    public DatasetRow? Accept(RowUnit unit)
    {
        switch (unit.Kind)
        {
            case RowUnitKind.TooLong:
                _sawRow = true;
                return Bad(unit.Line, null, $"longer than the limit of {options.MaxRowBytes} bytes");
            case RowUnitKind.Broken:
                _sawRow = true;
                Stopped = true;
                return Bad(unit.Line, null, unit.Error ?? "invalid JSON");
            default:
                return AcceptRow(unit.Line, unit.Bytes) is { } row && YieldsRows ? row : null;
        }
    }

    public ParseReport Finish(bool readToEnd, string? sha256)
    {
        if (!_sawRow)
        {
            Record(new ParseError(0, null, "the file is empty (no rows)"));
        }
        return new ParseReport(Format, GoodRows, BadRows, ErrorCount, _errors.ToList(), readToEnd && !Stopped,
            options.SkipInvalidRows, readToEnd && !Stopped ? sha256 : null);
    }

    private DatasetRow? AcceptRow(int line, ReadOnlyMemory<byte> memory)
    {
        var bytes = memory.Span;
        if (bytes.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            return null; // blank lines carry nothing, but keep their line numbers
        }
        _sawRow = true;
        if (!Utf8.IsValid(bytes))
        {
            return Bad(line, null, $"invalid UTF-8 at byte {FirstInvalidUtf8Byte(bytes) + 1}");
        }
        try
        {
            using var document = JsonDocument.Parse(memory, JsonOptions);
            return AcceptObject(line, document.RootElement);
        }
        catch (JsonException ex)
        {
            return Bad(line, null, JsonErrors.Describe(ex));
        }
    }

    private DatasetRow? AcceptObject(int line, JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            return Bad(line, null, $"must be a JSON object, got {JsonFields.KindName(row.ValueKind)}");
        }
        if (_format is null && !Detect(line, row))
        {
            return null;
        }
        var errors = new RowErrors();
        var example = _format!.Convert(row, line, errors);
        if (!errors.Any && example is not null)
        {
            GoodRows++;
            return example;
        }
        BadRows++;
        foreach (var (field, message) in errors.Items)
        {
            Record(new ParseError(line, field, message));
        }
        return null;
    }

    private bool Detect(int line, JsonElement row)
    {
        _format = FormatDetector.Detect(row);
        var expected = options.ExpectedKind;
        var problem = _format is null ? FormatDetector.UnknownFormatMessage(row)
            : expected is { } kind && kind != _format.Format.Kind
                ? $"this is {Describe(_format.Format.Kind)} file ({_format.Format.Name}), but {Describe(kind)} file was expected"
                : null;
        if (problem is null)
        {
            return true;
        }
        Stopped = true;
        Bad(line, null, problem);
        return false;
    }

    private static string Describe(DatasetKind kind) => kind == DatasetKind.Sft ? "an SFT" : "a preference";

    private DatasetRow? Bad(int line, string? field, string message)
    {
        BadRows++;
        Record(new ParseError(line, field, message));
        return null;
    }

    private void Record(ParseError error)
    {
        ErrorCount++;
        if (_errors.Count < options.MaxErrors)
        {
            _errors.Add(error);
        }
    }

    private static int FirstInvalidUtf8Byte(ReadOnlySpan<byte> bytes)
    {
        var status = Utf8.ToUtf16(bytes, new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)], out var read, out _,
            replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? 0 : read;
    }
}
