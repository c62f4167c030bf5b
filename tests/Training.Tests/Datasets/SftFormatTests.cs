using Forgetless.Training.Datasets;

namespace Forgetless.Training.Tests.Datasets;

public class SftFormatTests
{
    private static ChatTurn User(string text) => new("user", text);

    private static ChatTurn Assistant(string text) => new("assistant", text);

    [Fact]
    public void Alpaca_jsonl_joins_instruction_and_input_with_a_blank_line()
    {
        var parsed = DatasetParser.ParseText("""
            {"instruction": "Add the numbers.", "input": "2 and 3", "output": "5"}
            {"instruction": "Name a colour.", "input": "", "output": " Red. "}
            """);

        Assert.True(parsed.IsAccepted, parsed.Report.ToString());
        Assert.Equal(DatasetFormat.Alpaca, parsed.Report.Format);
        Assert.Equal(DatasetKind.Sft, parsed.Report.Kind);
        Assert.Equal(
            [new SftExample(Prompt.FromTurns([User("Add the numbers.\n\n2 and 3")]), "5"),
             new SftExample(Prompt.FromTurns([User("Name a colour.")]), " Red. ")],
            parsed.Sft);
    }

    [Fact]
    public void Alpaca_system_field_becomes_a_system_turn_before_the_user()
    {
        var parsed = DatasetParser.ParseText("""{"system": "Be brief.", "instruction": "Greet me.", "input": "", "output": "Hi."}""");

        Assert.Equal(Prompt.FromTurns([new ChatTurn("system", "Be brief."), User("Greet me.")]), parsed.Sft.Single().Prompt);
    }

    [Fact]
    public void Alpaca_json_array_gives_the_same_examples_as_jsonl()
    {
        const string array = """
            [
              {"instruction": "Add the numbers.", "input": "2 and 3", "output": "5"},
              {"instruction": "Name a colour.", "input": "", "output": "Red."}
            ]
            """;
        const string lines = """
            {"instruction": "Add the numbers.", "input": "2 and 3", "output": "5"}
            {"instruction": "Name a colour.", "input": "", "output": "Red."}
            """;

        var fromArray = DatasetParser.ParseText(array);

        Assert.True(fromArray.IsAccepted, fromArray.Report.ToString());
        Assert.Equal(DatasetParser.ParseText(lines).Sft, fromArray.Sft);
    }

    [Fact]
    public void OpenAi_messages_use_the_last_assistant_message_as_the_response()
    {
        var parsed = DatasetParser.ParseText("""
            {"messages": [{"role": "system", "content": "Be kind."}, {"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}, {"role": "user", "content": "Bye?"}, {"role": "assistant", "content": "Goodbye!"}]}
            """);

        Assert.Equal(DatasetFormat.OpenAiMessages, parsed.Report.Format);
        var example = parsed.Sft.Single();
        Assert.Equal("Goodbye!", example.Response);
        Assert.Equal([new ChatTurn("system", "Be kind."), User("Hi"), Assistant("Hello"), User("Bye?")], example.Prompt.Turns);
        Assert.False(example.Prompt.IsText);
    }

    [Fact]
    public void ShareGpt_maps_human_and_gpt_to_user_and_assistant()
    {
        var parsed = DatasetParser.ParseText("""
            {"conversations": [{"from": "system", "value": "Be kind."}, {"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hello"}]}
            """);

        Assert.Equal(DatasetFormat.ShareGpt, parsed.Report.Format);
        Assert.Equal(new SftExample(Prompt.FromTurns([new ChatTurn("system", "Be kind."), User("Hi")]), "Hello"), parsed.Sft.Single());
    }

    [Fact]
    public void Prompt_completion_keeps_a_string_prompt_verbatim()
    {
        var parsed = DatasetParser.ParseText("""{"prompt": "Q: 2+2?\nA:", "completion": " 4"}""");

        Assert.Equal(DatasetFormat.PromptCompletion, parsed.Report.Format);
        Assert.Equal(new SftExample(Prompt.FromText("Q: 2+2?\nA:"), " 4"), parsed.Sft.Single());
    }

    [Fact]
    public void Format_names_are_stable_and_found_by_name()
    {
        Assert.Equal(
            ["alpaca", "openai-messages", "sharegpt", "prompt-completion", "prompt-chosen-rejected", "hh-rlhf-raw"],
            DatasetFormat.All.Select(f => f.Name));
        Assert.Same(DatasetFormat.HhRlhfRaw, DatasetFormat.FromName("hh-rlhf-raw"));
        Assert.Null(DatasetFormat.FromName("csv"));
    }
}
