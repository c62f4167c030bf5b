using System.Text;
using Forgetless.Training.Datasets;

namespace Forgetless.Training.Tests.Datasets;

public class ValidationTests
{
    private const string Good = """{"instruction": "Name a colour.", "input": "", "output": "Red."}""";
    private const string MissingOutput = """{"instruction": "Name a colour.", "input": ""}""";

    private static string Lines(params string[] rows) => string.Join("\n", rows) + "\n";

    [Fact]
    public void One_bad_row_rejects_the_file_keeps_no_examples_and_reports_every_error()
    {
        var parsed = DatasetParser.ParseText(Lines(Good, MissingOutput, Good, "{oops", Good));

        Assert.False(parsed.IsAccepted);
        Assert.Empty(parsed.Sft);
        Assert.Equal(3, parsed.Report.GoodRowCount);
        Assert.Equal(2, parsed.Report.BadRowCount);
        Assert.Equal(2, parsed.Report.Errors.Count);
        Assert.Equal(new ParseError(2, "output", "is missing"), parsed.Report.Errors[0]);
        Assert.Equal(4, parsed.Report.Errors[1].Line);
        Assert.StartsWith("invalid JSON: ", parsed.Report.Errors[1].Message);
    }

    [Fact]
    public void Skipping_invalid_rows_keeps_the_good_ones_and_still_reports_the_bad_ones()
    {
        var parsed = DatasetParser.ParseText(Lines(Good, MissingOutput, Good), new ParseOptions { SkipInvalidRows = true });

        Assert.True(parsed.IsAccepted, parsed.Report.ToString());
        Assert.Equal(2, parsed.Sft.Count);
        Assert.Equal(new ParseError(2, "output", "is missing"), parsed.Report.Errors.Single());
    }

    [Fact]
    public void A_row_with_several_problems_reports_each_field()
    {
        var parsed = DatasetParser.ParseText("""{"prompt": "Q", "chosen": 1, "rejected": "  "}""");

        Assert.Equal(
            [new ParseError(1, "chosen", "must be a string or a list of messages, got a number"),
             new ParseError(1, "rejected", "must be a non-empty string")],
            parsed.Report.Errors);
        Assert.Equal(1, parsed.Report.BadRowCount);
    }

    [Fact]
    public void Errors_kept_are_capped_but_all_are_counted()
    {
        var rows = Enumerable.Repeat(MissingOutput, 30).Prepend(Good).ToArray();

        var report = DatasetParser.ParseText(Lines(rows), new ParseOptions { MaxErrors = 5 }).Report;

        Assert.Equal(5, report.Errors.Count);
        Assert.Equal(30, report.ErrorCount);
        Assert.Equal(30, report.BadRowCount);
        Assert.Equal(2, report.Errors[0].Line);
    }

    [Fact]
    public void A_line_over_the_size_limit_is_reported_and_the_next_lines_still_parse()
    {
        var longRow = $$"""{"instruction": "Repeat.", "input": "", "output": "{{new string('x', 5000)}}"}""";

        var parsed = DatasetParser.ParseText(Lines(Good, longRow, Good), new ParseOptions { MaxRowBytes = 1000, SkipInvalidRows = true });

        Assert.Equal("line 2: longer than the limit of 1000 bytes", parsed.Report.Errors.Single().ToString());
        Assert.Equal(2, parsed.Sft.Count);
    }

    [Fact]
    public void Lines_longer_than_the_read_buffer_are_skipped_unbuffered_and_counted_as_one_line_each()
    {
        var longRow = $$"""{"instruction": "Repeat.", "input": "", "output": "{{new string('x', 300_000)}}"}""";
        var stream = new GeneratedDatasetStream([Good, longRow, Good], rows: 9, asArray: false);

        var parsed = DatasetParser.Parse(stream, new ParseOptions { MaxRowBytes = 100_000, SkipInvalidRows = true });

        Assert.Equal([2, 5, 8], parsed.Report.Errors.Select(e => e.Line));
        Assert.Equal(6, parsed.Sft.Count);
    }

    [Fact]
    public void An_array_element_over_the_size_limit_is_skipped_without_losing_its_neighbours()
    {
        var huge = new string('x', 300_000);
        var text = $$"""[{"instruction": "A", "output": "1"},{"instruction": "B", "output": "{{huge}}", "input": "[{\"\""}, {"instruction": "C", "output": "3"}]""";

        var parsed = DatasetParser.ParseText(text, new ParseOptions { MaxRowBytes = 100_000, SkipInvalidRows = true });

        Assert.Equal("line 1: longer than the limit of 100000 bytes", parsed.Report.Errors.Single().ToString());
        Assert.Equal(["1", "3"], parsed.Sft.Select(e => e.Response));
    }

    [Fact]
    public void Array_elements_are_reported_at_the_line_where_they_start()
    {
        var parsed = DatasetParser.ParseText("[\n  {\"instruction\": \"A\", \"output\": \"1\"},\n\n  {\"instruction\": \"B\",\n   \"output\": 2}\n]");

        Assert.Equal(new ParseError(4, "output", "must be a string, got a number"), parsed.Report.Errors.Single());
    }

    [Fact]
    public void Crlf_line_ends_blank_lines_and_a_byte_order_mark_are_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"{Good}\r\n\r\n{Good}\r\n")).ToArray();

        var parsed = DatasetParser.Parse(new MemoryStream(bytes));

        Assert.True(parsed.IsAccepted, parsed.Report.ToString());
        Assert.Equal("Red.", parsed.Sft[1].Response);
    }

    [Fact]
    public void The_report_carries_the_sha256_of_every_byte_of_the_file()
    {
        var bytes = Encoding.UTF8.GetBytes(Lines(Good, Good));

        var report = DatasetParser.Parse(new MemoryStream(bytes)).Report;

        Assert.Equal(DatasetHash.Sha256Hex(bytes), report.ContentSha256);
        Assert.Equal(64, report.ContentSha256!.Length);
    }

    [Fact]
    public void A_file_of_the_unexpected_kind_is_rejected_at_its_first_row()
    {
        var report = DatasetParser.ParseText(Lines(Good), new ParseOptions { ExpectedKind = DatasetKind.Preference }).Report;

        Assert.False(report.IsAccepted);
        Assert.Equal("line 1: this is an SFT file (alpaca), but a preference file was expected", report.FirstError?.ToString());
    }

    [Fact]
    public void Unknown_format_names_the_fields_seen_and_every_accepted_format()
    {
        var message = DatasetParser.ParseText("""{"question": "2+2?", "answer": "4"}""").Report.FirstError!.Message;

        Assert.StartsWith("unknown format: fields seen: \"question\", \"answer\"; accepted formats: alpaca (", message);
        Assert.All(DatasetFormat.All, format => Assert.Contains(format.Name, message));
    }

    [Fact]
    public void Streaming_stops_handing_out_rows_at_the_first_bad_row_but_keeps_checking()
    {
        var reader = new DatasetReader(new MemoryStream(Encoding.UTF8.GetBytes(Lines(Good, Good, MissingOutput, Good, "[]"))));

        var lines = reader.ReadRows().Select(row => row.Line).ToList();

        Assert.Equal([1, 2], lines);
        Assert.Equal([3, 5], reader.Report.Errors.Select(e => e.Line));
        Assert.False(reader.Report.IsAccepted);
    }

    [Fact]
    public async Task Async_parsing_rejects_a_bad_file_like_sync_parsing()
    {
        var parsed = await DatasetParser.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(Lines(Good, MissingOutput))));

        Assert.False(parsed.IsAccepted);
        Assert.Empty(parsed.Sft);
        Assert.Equal(new ParseError(2, "output", "is missing"), parsed.Report.FirstError);
    }

    [Fact]
    public void The_report_is_not_available_before_the_rows_are_read()
    {
        var reader = new DatasetReader(new MemoryStream(Encoding.UTF8.GetBytes(Good)));

        Assert.Throws<InvalidOperationException>(() => reader.Report);
    }
}
