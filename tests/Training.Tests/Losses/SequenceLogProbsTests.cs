using Forgetless.Training.Losses;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Losses;

public class SequenceLogProbsTests
{
    [Fact]
    public void Sums_the_log_probs_of_each_sequences_response_tokens()
    {
        using var scope = NewDisposeScope();
        // Both rows: position 0 logits [0, 0], position 1 logits [0, ln 3], position 2 unused.
        var row = new[] { 0f, 0f, 0f, MathF.Log(3), 1f, 2f };
        var logits = tensor(row.Concat(row).ToArray()).view(2, 3, 2);
        var labels = tensor(new long[] { -100, 0, 1, -100, -100, 0 }).view(2, 3);

        var sums = SequenceLogProbs.Compute(logits, labels).data<float>().ToArray();

        // row 0: ln(1/2) + ln(3/4) = −0.693147 − 0.287682 = −0.980829
        // row 1: only position 2's label 0, predicted from [0, ln 3]: ln(1/4) = −1.386294
        Assert.Equal(-0.980829, sums[0], 5);
        Assert.Equal(-1.386294, sums[1], 5);
    }

    [Fact]
    public void Equals_log_softmax_gathered_at_the_next_labels_on_random_logits()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var logits = randn(3, 6, 11);
        var labels = randint(0, 11, [3, 6], ScalarType.Int64);
        labels[0, 2] = tensor(-100L);
        labels[2, TensorIndex.Slice(0, 4)] = tensor(-100L);

        var expected = new double[3];
        var logProbs = logits.log_softmax(-1);
        for (var row = 0; row < 3; row++)
        {
            for (var t = 0; t < 5; t++)
            {
                var label = labels[row, t + 1].item<long>();
                expected[row] += label == -100 ? 0 : logProbs[row, t, label].item<float>();
            }
        }

        var sums = SequenceLogProbs.Compute(logits, labels).data<float>().ToArray();

        for (var row = 0; row < 3; row++)
        {
            Assert.Equal(expected[row], sums[row], 4);
        }
    }

    [Fact]
    public void Split_pairs_takes_chosen_rows_first_then_rejected()
    {
        using var scope = NewDisposeScope();

        var (chosen, rejected) = SequenceLogProbs.SplitPairs(tensor(new[] { 1f, 2f, 3f, 4f }));

        Assert.Equal([1f, 2f], chosen.data<float>().ToArray());
        Assert.Equal([3f, 4f], rejected.data<float>().ToArray());
    }
}
