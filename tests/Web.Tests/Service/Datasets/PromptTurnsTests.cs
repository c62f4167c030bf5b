using Forgetless.Training.Datasets;
using Forgetless.Web.Service.Datasets;

namespace Forgetless.Web.Tests.Service.Datasets;

public class PromptTurnsTests
{
    [Fact]
    public void An_HH_transcript_reads_as_its_human_and_assistant_turns_without_the_empty_last_one()
    {
        var prompt = Prompt.FromText("\n\nHuman: Hi there\n\nAssistant: Hello!\n\nHuman: Name a colour.\n\nAssistant:");

        Assert.Equal(
            [new ChatTurn("user", "Hi there"), new ChatTurn("assistant", "Hello!"), new ChatTurn("user", "Name a colour.")],
            PromptTurns.Of(prompt));
    }

    [Fact]
    public void A_plain_text_prompt_is_one_turn_and_a_prompt_of_turns_keeps_them()
    {
        Assert.Equal([new ChatTurn("prompt", "What is 2+2?")], PromptTurns.Of(Prompt.FromText("What is 2+2?")));
        ChatTurn[] turns = [new("system", "Be brief."), new("user", "Hi")];
        Assert.Equal(turns, PromptTurns.Of(Prompt.FromTurns(turns)));
    }
}
