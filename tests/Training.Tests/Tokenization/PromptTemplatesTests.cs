using Forgetless.Training.Datasets;
using Forgetless.Training.Tokenization;

namespace Forgetless.Training.Tests.Tokenization;

public class PromptTemplatesTests
{
    private static readonly Prompt SystemAndUser = Prompt.FromTurns(
        [new ChatTurn("system", "Be brief."), new ChatTurn("user", "Name a colour.")]);

    private static readonly Prompt UserAssistantUser = Prompt.FromTurns(
        [new ChatTurn("user", "Hi"), new ChatTurn("assistant", "Hello!"), new ChatTurn("user", "Name a colour.")]);

    [Fact]
    public void Alpaca_writes_the_standard_preamble_for_a_lone_instruction()
    {
        var prompt = Prompt.FromTurns([new ChatTurn("user", "Name a colour.")]);

        Assert.Equal(
            "Below is an instruction that describes a task. Write a response that appropriately completes the request.\n\n"
            + "### Instruction:\nName a colour.\n\n### Response:\n",
            Render("alpaca", prompt));
    }

    [Fact]
    public void Alpaca_replaces_the_preamble_with_a_system_turn()
    {
        Assert.Equal("Be brief.\n\n### Instruction:\nName a colour.\n\n### Response:\n", Render("alpaca", SystemAndUser));
    }

    [Fact]
    public void Alpaca_writes_earlier_assistant_turns_after_their_response_header()
    {
        Assert.Equal(
            AlpacaTemplate.Preamble + "\n\n### Instruction:\nHi\n\n### Response:\nHello!\n\n"
            + "### Instruction:\nName a colour.\n\n### Response:\n",
            Render("alpaca", UserAssistantUser));
    }

    [Fact]
    public void ChatMl_tags_every_turn_and_opens_the_assistant_turn()
    {
        Assert.Equal(
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nName a colour.<|im_end|>\n<|im_start|>assistant\n",
            Render("chatml", SystemAndUser));
    }

    [Fact]
    public void Llama3_writes_headers_and_end_of_turn_markers()
    {
        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nName a colour.<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n",
            Render("llama3", SystemAndUser));
    }

    [Fact]
    public void Plain_writes_labelled_lines_and_ends_with_the_assistant_label()
    {
        Assert.Equal("System: Be brief.\nUser: Name a colour.\nAssistant: ", Render("plain", SystemAndUser));
        Assert.Equal("User: Hi\nAssistant: Hello!\nUser: Name a colour.\nAssistant: ", Render("plain", UserAssistantUser));
    }

    [Theory]
    [InlineData("alpaca")]
    [InlineData("chatml")]
    [InlineData("llama3")]
    [InlineData("plain")]
    public void Every_template_renders_a_verbatim_prompt_unchanged(string name)
    {
        const string transcript = "\n\nHuman: What is 2+2?\n\nAssistant:";

        Assert.Equal(transcript, Render(name, Prompt.FromText(transcript)));
    }

    [Fact]
    public void Names_are_case_insensitive_and_unknown_names_list_the_known_ones()
    {
        Assert.Equal("chatml", PromptTemplates.ByName("ChatML").Name);
        var error = Assert.Throws<ArgumentException>(() => PromptTemplates.ByName("vicuna"));
        Assert.Contains("alpaca, chatml, llama3, plain", error.Message);
    }

    private static string Render(string template, Prompt prompt) => PromptTemplates.ByName(template).Render(prompt);
}
