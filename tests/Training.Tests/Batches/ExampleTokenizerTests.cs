using Forgetless.Training.Batches;
using Forgetless.Training.Datasets;
using Forgetless.Training.Tokenization;

namespace Forgetless.Training.Tests.Batches;

public class ExampleTokenizerTests
{
    // GPT-2: "Hello world!" = 15496, 995, 0; " world" = 995; EOS = 50256. A verbatim prompt is not templated.
    private static readonly Prompt HelloPrompt = Prompt.FromText("Hello world!");

    [Fact]
    public void Encodes_rendered_prompt_then_response_then_eos_with_the_exact_boundary()
    {
        var tokenizer = new ExampleTokenizer(Gpt2Tokenizer.Instance, new PlainTemplate(), maxLength: 64);
        var prompt = Prompt.FromTurns([new ChatTurn("user", "Hi")]);

        var example = tokenizer.Tokenize(new SftExample(prompt, "Hello world!"));

        var promptIds = Gpt2Tokenizer.Instance.Encode("User: Hi\nAssistant: ");
        Assert.Equal([.. promptIds, 15496, 995, 0, 50256], example.InputIds);
        Assert.Equal(promptIds.Count, example.ResponseStart);
    }

    [Fact]
    public void Truncation_drops_prompt_tokens_from_the_left_and_keeps_the_whole_response()
    {
        // prompt 3 tokens + response 4 (with EOS) = 7 > 5: keep max(1, 5 − 4) = 1 prompt token.
        var example = Tokenizer(maxLength: 5).Tokenize(new SftExample(HelloPrompt, "Hello world!"));

        Assert.Equal([0, 15496, 995, 0, 50256], example.InputIds);
        Assert.Equal(1, example.ResponseStart);
    }

    [Fact]
    public void A_response_longer_than_the_limit_keeps_its_start_after_one_prompt_token()
    {
        var example = Tokenizer(maxLength: 3).Tokenize(new SftExample(HelloPrompt, "Hello world!"));

        Assert.Equal([0, 15496, 995], example.InputIds);
        Assert.Equal(1, example.ResponseStart);
    }

    [Fact]
    public void An_empty_prompt_starts_the_response_at_zero()
    {
        var example = Tokenizer(maxLength: 8).Tokenize(new SftExample(Prompt.FromText(""), " world"));

        Assert.Equal([995, 50256], example.InputIds);
        Assert.Equal(0, example.ResponseStart);
    }

    [Fact]
    public void Preference_pairs_share_the_prompt_truncated_for_the_longer_response()
    {
        // chosen 4 tokens with EOS, rejected 2: prompt keeps max(1, 5 − 4) = 1 token in both.
        var pair = Tokenizer(maxLength: 5).Tokenize(new PreferenceExample(HelloPrompt, "Hello world!", " world"));

        Assert.Equal([0, 15496, 995, 0, 50256], pair.ChosenIds);
        Assert.Equal([0, 995, 50256], pair.RejectedIds);
        Assert.Equal(1, pair.ResponseStart);
        Assert.Equal(5, pair.Length);
    }

    [Fact]
    public void Encoded_texts_are_the_rendered_prompts_and_responses()
    {
        var template = new PlainTemplate();
        var prompt = Prompt.FromTurns([new ChatTurn("user", "Hi")]);

        var texts = ExampleTokenizer.EncodedTexts(template, [new SftExample(prompt, "a")], [new PreferenceExample(prompt, "b", "c")]);

        Assert.Equal(["User: Hi\nAssistant: ", "a", "User: Hi\nAssistant: ", "b", "c"], texts);
    }

    [Fact]
    public void A_limit_below_two_tokens_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer(maxLength: 1));
    }

    private static ExampleTokenizer Tokenizer(int maxLength) => new(Gpt2Tokenizer.Instance, new AlpacaTemplate(), maxLength);
}
