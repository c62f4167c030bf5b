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
    public void Dpo_against_a_different_reference_matches_the_formula_worked_from_each_sequence_alone()
    {
        using var scope = NewDisposeScope();
        manual_seed(12);
        var (examples, tokenizer) = Tokenize();
        using var policy = new LlamaForCausalLM(LlamaPresets.Tiny(tokenizer.VocabSize));
        using var reference = new LlamaForCausalLM(LlamaPresets.Tiny(tokenizer.VocabSize));
        using (no_grad())
        {
            // Sharper logits: the reference's log-probs are far from the policy's, so the loss is far from ln 2.
            foreach (var parameter in reference.parameters()) parameter.mul_(20);
        }

        var batch = PreferenceBatch.Collate(examples, tokenizer.PadId);
        var (chosen, rejected) = SequenceLogProbs.SplitPairs(LogProbs(policy, batch));
        var (referenceChosen, referenceRejected) = SequenceLogProbs.SplitPairs(LogProbs(reference, batch).detach());
        const double beta = 0.1;
        var loss = new DpoLoss(beta).Compute(chosen, rejected, referenceChosen, referenceRejected).Loss.item<float>();

        // Independently: each sequence's summed log-prob from a forward pass of that sequence alone, then
        // −log σ(β[(π_c − r_c) − (π_r − r_r)]) = log(1 + e^(−z)) in double precision, averaged over the pairs.
        double Alone(LlamaForCausalLM model, int[] ids, int responseStart) =>
            LogProbs(model, SftBatch.Collate([new TokenizedSft(ids, responseStart)], tokenizer.PadId)).item<float>();
        var expected = examples.Average(pair =>
        {
            var z = beta * ((Alone(policy, pair.ChosenIds, pair.ResponseStart) - Alone(reference, pair.ChosenIds, pair.ResponseStart))
                - (Alone(policy, pair.RejectedIds, pair.ResponseStart) - Alone(reference, pair.RejectedIds, pair.ResponseStart)));
            return Math.Log(1 + Math.Exp(-z));
        });

        Assert.True(Math.Abs(expected - Math.Log(2)) > 0.05, $"the reference must matter: expected loss {expected}");
        Assert.Equal(expected, loss, tolerance: 1e-4 * Math.Max(1, Math.Abs(expected)));
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
