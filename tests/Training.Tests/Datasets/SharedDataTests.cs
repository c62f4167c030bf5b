using System.Text.Json;
using Forgetless.Training.Datasets;

namespace Forgetless.Training.Tests.Datasets;

/// <summary>The real files in ../shared/data parse completely (skipped when the folder is absent).</summary>
public class SharedDataTests
{
    [SkippableTheory]
    [InlineData("sft/alpaca-2k.jsonl", "alpaca", 2000)]
    [InlineData("sft/alpaca-200.jsonl", "alpaca", 200)]
    [InlineData("preference/hh-helpful-2k.jsonl", "prompt-chosen-rejected", 2000)]
    [InlineData("preference/hh-helpful-200.jsonl", "prompt-chosen-rejected", 200)]
    [InlineData("preference/hh-raw-200.jsonl", "hh-rlhf-raw", 200)]
    public void Shared_file_parses_every_row_in_its_format(string file, string format, int rows)
    {
        SharedData.SkipIfAbsent("data", file);
        var path = SharedData.PathTo("data", file);

        var parsed = DatasetParser.ParseFile(path);

        Assert.True(parsed.IsAccepted, parsed.Report.ToString());
        Assert.Equal(format, parsed.Report.Format?.Name);
        Assert.Equal(rows, parsed.Count);
        Assert.Equal(DatasetHash.Sha256HexOfFile(path), parsed.Report.ContentSha256);
    }

    [SkippableFact]
    public void Hh_raw_200_converts_to_exactly_hh_helpful_200_line_by_line()
    {
        SharedData.SkipIfAbsent("data", "preference", "hh-raw-200.jsonl");
        var raw = DatasetParser.ParseFile(SharedData.PathTo("data", "preference", "hh-raw-200.jsonl")).Preference;
        var converted = DatasetParser.ParseFile(SharedData.PathTo("data", "preference", "hh-helpful-200.jsonl")).Preference;

        Assert.Equal(200, raw.Count);
        Assert.Equal(converted.Count, raw.Count);
        for (var line = 0; line < raw.Count; line++)
        {
            Assert.True(converted[line] == raw[line], $"line {line + 1} differs");
        }
    }

    [SkippableFact]
    public void Alpaca_user_turn_is_the_instruction_then_a_blank_line_and_the_input_when_there_is_one()
    {
        SharedData.SkipIfAbsent("data", "sft", "alpaca-2k.jsonl");
        var path = SharedData.PathTo("data", "sft", "alpaca-2k.jsonl");

        var examples = DatasetParser.ParseFile(path).Sft;

        var records = File.ReadLines(path).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(758, records.Count(r => r.GetProperty("input").GetString() != "")); // as the data README counts
        for (var i = 0; i < records.Count; i++)
        {
            var (instruction, input) = (records[i].GetProperty("instruction").GetString(), records[i].GetProperty("input").GetString());
            var user = input == "" ? instruction : $"{instruction}\n\n{input}";
            Assert.Equal([new ChatTurn("user", user!)], examples[i].Prompt.Turns);
            Assert.Equal(records[i].GetProperty("output").GetString(), examples[i].Response);
        }
    }
}
