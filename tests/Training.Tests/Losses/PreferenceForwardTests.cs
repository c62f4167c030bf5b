using Forgetless.Training.Batches;
using Forgetless.Training.Datasets;
using Forgetless.Training.Losses;
using Forgetless.Training.Model;
using Forgetless.Training.Tokenization;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Losses;

/// <summary>Tokenizer, batch, model and losses together, as a DPO step uses them.</summary>
public class PreferenceForwardTests
{
    private static readonly PreferenceExample[] Pairs =
    [
        new(Prompt.FromTurns([new ChatTurn("user", "Name a colour.")]), "Blue.", "I would rather not say anything about colours."),
        new(Prompt.FromTurns([new ChatTurn("user", "Count to three, please.")]), "One, two, three.", "No."),
    ];

    [Fact]
    public void Right_padding_leaves_each_rows_log_prob_equal_to_the_row_computed_alone()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var (examples, tokenizer) = Tokenize();
        using var model = new LlamaForCausalLM(LlamaPresets.Tiny(tokenizer.VocabSize));

        var joint = LogProbs(model, PreferenceBatch.Collate(examples, tokenizer.PadId));
        var (chosen, rejected) = SequenceLogProbs.SplitPairs(joint);
        var shortChosenAlone = LogProbs(model, SftBatch.Collate([new TokenizedSft(examples[1].ChosenIds, examples[1].ResponseStart)], tokenizer.PadId));

        Assert.Equal([2L], chosen.shape);
        Assert.Equal(shortChosenAlone.item<float>(), chosen[1].item<float>(), 4);
        Assert.True(rejected[0].item<float>() < chosen[0].item<float>()); // more tokens, lower summed log-prob at init
    }

    [Fact]
    public void Dpo_against_the_policy_itself_as_reference_is_ln2()
    {
        using var scope = NewDisposeScope();
        manual_seed(12);
        var (examples, tokenizer) = Tokenize();
        using var model = new LlamaForCausalLM(LlamaPresets.Tiny(tokenizer.VocabSize));

        var (chosen, rejected) = SequenceLogProbs.SplitPairs(LogProbs(model, PreferenceBatch.Collate(examples, tokenizer.PadId)));
        var result = new DpoLoss().Compute(chosen, rejected, chosen.detach(), rejected.detach());

        Assert.Equal(0.693147, result.Loss.item<float>(), 5);
    }

    private static (TokenizedPreference[] Examples, ITokenizer Tokenizer) Tokenize()
    {
        var template = new ChatMlTemplate();
        var tokenizer = CompactVocabularyTokenizer.Build(Gpt2Tokenizer.Instance, ExampleTokenizer.EncodedTexts(template, [], Pairs));
        var exampleTokenizer = new ExampleTokenizer(tokenizer, template, maxLength: 64);
        return ([.. Pairs.Select(exampleTokenizer.Tokenize)], tokenizer);
    }

    private static Tensor LogProbs(LlamaForCausalLM model, TokenBatch batch)
    {
        var (inputIds, labels) = batch.ToTensors(CPU);
        return SequenceLogProbs.Compute(model.forward(inputIds), labels);
    }
}
