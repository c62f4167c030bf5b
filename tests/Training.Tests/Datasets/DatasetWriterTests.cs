using System.Text;
using Forgetless.Training.Datasets;

namespace Forgetless.Training.Tests.Datasets;

public class DatasetWriterTests
{
    [Fact]
    public void Preference_pairs_round_trip_through_jsonl()
    {
        PreferenceExample[] pairs =
        [
            new(Prompt.FromText("\n\nHuman: Café? \"quoted\" ☕ 😀\n\nAssistant:"), " Sure.\n", " No\t."),
            new(Prompt.FromTurns([new ChatTurn("system", "Be kind."), new ChatTurn("user", "Hi")]), "Hello", "Go away"),
        ];
        using var output = new MemoryStream();

        DatasetWriter.WriteJsonl(output, pairs);
        var parsed = DatasetParser.Parse(new MemoryStream(output.ToArray()));

        Assert.True(parsed.IsAccepted, parsed.Report.ToString());
        Assert.Equal(DatasetFormat.PromptChosenRejected, parsed.Report.Format);
        Assert.Equal(pairs, parsed.Preference);
    }

    [Fact]
    public void Sft_examples_round_trip_through_jsonl_as_prompt_and_completion()
    {
        SftExample[] examples =
        [
            new(Prompt.FromTurns([new ChatTurn("user", "Add 2 and 3.")]), "5"),
            new(Prompt.FromText("Q: capital of France?\nA:"), " Paris"),
        ];
        using var output = new MemoryStream();

        DatasetWriter.WriteJsonl(output, examples);
        var parsed = DatasetParser.Parse(new MemoryStream(output.ToArray()));

        Assert.Equal(DatasetFormat.PromptCompletion, parsed.Report.Format);
        Assert.Equal(examples, parsed.Sft);
    }

    [Fact]
    public void A_preference_line_has_prompt_chosen_rejected_and_non_ascii_as_is()
    {
        var line = DatasetWriter.ToJsonLine(new PreferenceExample(Prompt.FromText("Café?"), " Oui.", " Non."));

        Assert.Equal("""{"prompt":"Café?","chosen":" Oui.","rejected":" Non."}""", line);
    }

    [Fact]
    public void Every_written_line_ends_with_a_newline()
    {
        using var output = new MemoryStream();

        DatasetWriter.WriteJsonl(output, [new SftExample(Prompt.FromText("a"), "b"), new SftExample(Prompt.FromText("c"), "d")]);

        Assert.Equal("{\"prompt\":\"a\",\"completion\":\"b\"}\n{\"prompt\":\"c\",\"completion\":\"d\"}\n", Encoding.UTF8.GetString(output.ToArray()));
    }
}
