using Forgetless.Training.Batches;
using Forgetless.Training.Datasets;
using Forgetless.Training.Tokenization;

namespace Forgetless.Training.Tests.Batches;

public class ExampleLengthsTests
{
    // GPT-2: "Hello world!" = 3 tokens, " world" = 1; a response adds EOS. A verbatim prompt is not templated.
    private static readonly Prompt HelloPrompt = Prompt.FromText("Hello world!");
    private static readonly SftExample Short = new(HelloPrompt, " world");            // 3 + 2 = 5 tokens
    private static readonly SftExample Long = new(HelloPrompt, "Hello world!");       // 3 + 4 = 7 tokens
    private static readonly PreferenceExample Pair = new(HelloPrompt, "Hello world!", " world"); // 3 + max(4, 2) = 7

    private static ExampleTokenizer Tokenizer(int maxLength = 64) => new(Gpt2Tokenizer.Instance, new PlainTemplate(), maxLength);

    [Fact]
    public void Measures_prompt_and_responses_with_their_eos()
    {
        Assert.Equal(new ExampleLength(3, 4), Tokenizer().Measure(Long));
        Assert.Equal(new ExampleLength(3, 4, 2), Tokenizer().Measure(Pair));
        Assert.Equal(7, Tokenizer().Measure(Pair).Longest);
    }

    [Fact]
    public void Counts_the_examples_and_pairs_longer_than_the_maximum_length()
    {
        var lengths = ExampleLengths.Measure(Tokenizer(), [Short, Long, Long], [Pair, new(HelloPrompt, " world", " world")]);

        // SFT lengths 5, 7, 7; pair lengths 7, 5. At 6 the two 7-token examples and the 7-token pair are cut; at 7 none.
        Assert.Equal(new TruncationCounts(6, 2, 3, 1, 2), lengths.TruncatedAt(6));
        Assert.Equal(new TruncationCounts(7, 0, 3, 0, 2), lengths.TruncatedAt(7));
        Assert.Equal(new TruncationCounts(4, 3, 3, 2, 2), lengths.TruncatedAt(4));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(64)]
    public void Agrees_with_what_the_tokenizer_keeps_at_every_length(int maxLength)
    {
        var tokenizer = Tokenizer(maxLength);
        foreach (var example in new[] { Short, Long })
        {
            var measured = tokenizer.Measure(example);
            var kept = tokenizer.Tokenize(example).Length;
            Assert.Equal(kept, measured.TokensAt(maxLength));
            Assert.Equal(kept < measured.Longest, measured.IsTruncatedAt(maxLength));
        }

        var pair = tokenizer.Tokenize(Pair);
        Assert.Equal(pair.ChosenIds.Length + pair.RejectedIds.Length, tokenizer.Measure(Pair).TokensAt(maxLength));
        Assert.Equal(pair.Length < tokenizer.Measure(Pair).Longest, tokenizer.Measure(Pair).IsTruncatedAt(maxLength));
    }

    [Fact]
    public void Mean_tokens_follow_the_maximum_length()
    {
        var lengths = ExampleLengths.Measure(Tokenizer(), [Short, Long], [Pair]);

        Assert.Equal((5 + 7) / 2.0, lengths.MeanSftTokensAt(64));
        Assert.Equal((5 + 6) / 2.0, lengths.MeanSftTokensAt(6));   // 7 tokens cut to 6
        Assert.Equal(7 + 5, lengths.MeanPairTokensAt(64));          // chosen 3 + 4, rejected 3 + 2
        Assert.Equal(5 + 3, lengths.MeanPairTokensAt(5));           // prompt keeps 5 − 4 = 1: chosen 1 + 4, rejected 1 + 2
    }

    [Fact]
    public void Suggests_the_95th_percentile_rounded_up_to_eight_within_the_cap()
    {
        // 19 examples of 5 tokens and one of 7 pairs' length: the nearest-rank 95th percentile of 20 is the 19th, 5 → 8.
        var lengths = ExampleLengths.Measure(Tokenizer(), [.. Enumerable.Repeat(Short, 19)], [Pair]);

        Assert.Equal(5, lengths.LengthQuantile(0.95));
        Assert.Equal(7, lengths.LengthQuantile(1));
        Assert.Equal(8, lengths.SuggestedMaxLength(cap: 256));
        Assert.Equal(8, lengths.SuggestedMaxLength(cap: 4));
    }

    [Fact]
    public void A_presets_compact_vocabulary_counts_as_many_tokens_as_gpt2()
    {
        var template = new AlpacaTemplate();
        var sft = new[] { new SftExample(Prompt.FromTurns([new ChatTurn("user", "Name a colour.")]), "Blue is a colour.") };
        var compact = Forgetless.Training.Running.Experiments.ExperimentData.TokenizerFor(null, template, sft, [Pair]);

        var withCompact = ExampleLengths.Measure(new ExampleTokenizer(compact, template, 64), sft, [Pair]);
        var withGpt2 = ExampleLengths.Measure(new ExampleTokenizer(Gpt2Tokenizer.Instance, template, 64), sft, [Pair]);

        Assert.Equal(withGpt2.Sft, withCompact.Sft);
        Assert.Equal(withGpt2.Preference, withCompact.Preference);
    }
}
