using Forgetless.Training.Datasets;

namespace Forgetless.Training.Tests.Datasets;

public class PreferenceFormatTests
{
    [Fact]
    public void String_pairs_keep_prompt_and_responses_verbatim_with_their_leading_spaces()
    {
        var parsed = DatasetParser.ParseText("""{"prompt": "\n\nHuman: Hi\n\nAssistant:", "chosen": " Hello! ", "rejected": " Go away."}""");

        Assert.Equal(DatasetFormat.PromptChosenRejected, parsed.Report.Format);
        Assert.Equal(DatasetKind.Preference, parsed.Report.Kind);
        Assert.Equal(new PreferenceExample(Prompt.FromText("\n\nHuman: Hi\n\nAssistant:"), " Hello! ", " Go away."), parsed.Preference.Single());
    }

    [Fact]
    public void Message_list_pairs_take_the_last_assistant_message_of_each_response()
    {
        var parsed = DatasetParser.ParseText("""
            {"prompt": "Hi", "chosen": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}], "rejected": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Bye"}]}
            {"prompt": [{"role": "user", "content": "Hi"}], "chosen": [{"role": "assistant", "content": "Hello"}], "rejected": [{"role": "assistant", "content": "Bye"}]}
            """);

        Assert.True(parsed.IsAccepted, parsed.Report.ToString());
        Assert.Equal(new PreferenceExample(Prompt.FromText("Hi"), "Hello", "Bye"), parsed.Preference[0]);
        Assert.Equal(new PreferenceExample(Prompt.FromTurns([new ChatTurn("user", "Hi")]), "Hello", "Bye"), parsed.Preference[1]);
    }

    [Fact]
    public void Message_list_responses_must_share_the_messages_before_them()
    {
        var parsed = DatasetParser.ParseText("""
            {"prompt": "Hi", "chosen": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}], "rejected": [{"role": "user", "content": "Yo"}, {"role": "assistant", "content": "Bye"}]}
            """);

        Assert.Equal("line 1, field \"rejected\": the messages before its response differ from those in \"chosen\"", parsed.Report.FirstError?.ToString());
    }

    [Fact]
    public void Hh_raw_pair_splits_after_the_last_assistant_tag_so_prompt_plus_reply_is_the_transcript()
    {
        const string chosen = "\n\nHuman: Hi\n\nAssistant: Hello.\n\nHuman: Tell me a joke\n\nAssistant: Why did the chicken cross the road?";
        const string rejected = "\n\nHuman: Hi\n\nAssistant: Hello.\n\nHuman: Tell me a joke\n\nAssistant: No.";
        var row = System.Text.Json.JsonSerializer.Serialize(new { chosen, rejected });

        var parsed = DatasetParser.ParseText(row);

        Assert.Equal(DatasetFormat.HhRlhfRaw, parsed.Report.Format);
        var example = parsed.Preference.Single();
        Assert.Equal("\n\nHuman: Hi\n\nAssistant: Hello.\n\nHuman: Tell me a joke\n\nAssistant:", example.Prompt.Text);
        Assert.Equal(" Why did the chicken cross the road?", example.Chosen);
        Assert.Equal(" No.", example.Rejected);
        Assert.Equal(chosen, example.Prompt.Text + example.Chosen);
        Assert.Equal(rejected, example.Prompt.Text + example.Rejected);
    }

    [Fact]
    public void Responses_equal_after_trimming_are_reported_as_identical()
    {
        var parsed = DatasetParser.ParseText("""{"prompt": "Q", "chosen": " Yes.", "rejected": "Yes.\n"}""");

        Assert.False(parsed.IsAccepted);
        Assert.Equal("line 1, field \"rejected\": is identical to \"chosen\"", parsed.Report.FirstError?.ToString());
    }
}
