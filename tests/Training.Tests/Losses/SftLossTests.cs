using Forgetless.Training.Losses;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Losses;

public class SftLossTests
{
    // One sequence of 3 positions over a 2-token vocabulary. Position 0's logits predict the label at position 1,
    // position 1's predict position 2; position 2's logits predict nothing.
    //   position 0: [0, 0]    → p(token 0) = 1/2 → NLL ln 2     = 0.693147
    //   position 1: [0, ln 3] → p(token 1) = 3/4 → NLL ln(4/3)  = 0.287682
    private static Tensor Logits(float last0 = 5f, float last1 = -5f) =>
        tensor(new[] { 0f, 0f, 0f, MathF.Log(3), last0, last1 }).view(1, 3, 2);

    [Fact]
    public void Is_the_mean_nll_of_response_tokens_with_labels_shifted_by_one()
    {
        using var scope = NewDisposeScope();
        var labels = tensor(new long[] { -100, 0, 1 }).view(1, 3);

        var result = SftLoss.Compute(Logits(), labels);

        // (ln 2 + ln(4/3)) / 2 = ln(8/3) / 2 = 0.4904146
        Assert.Equal(0.4904146, result.Loss.item<float>(), 6);
        Assert.Equal(2, result.TokenCount);
    }

    [Fact]
    public void Masked_positions_do_not_count()
    {
        using var scope = NewDisposeScope();
        var labels = tensor(new long[] { -100, -100, 1 }).view(1, 3);

        var result = SftLoss.Compute(Logits(), labels);

        Assert.Equal(0.287682, result.Loss.item<float>(), 5); // ln(4/3) only
        Assert.Equal(1, result.TokenCount);
    }

    [Fact]
    public void Changing_logits_that_predict_masked_labels_does_not_change_the_loss()
    {
        using var scope = NewDisposeScope();
        var labels = tensor(new long[] { -100, -100, 1 }).view(1, 3);
        var changed = Logits(last0: -7f, last1: 2f);
        changed[0, 0, 0] = tensor(9f);

        Assert.Equal(SftLoss.Compute(Logits(), labels).Loss.item<float>(), SftLoss.Compute(changed, labels).Loss.item<float>());
    }

    [Fact]
    public void Logits_at_the_last_position_get_no_gradient()
    {
        using var scope = NewDisposeScope();
        var logits = Logits();
        logits.requires_grad = true;
        var labels = tensor(new long[] { -100, 0, 1 }).view(1, 3);

        SftLoss.Compute(logits, labels).Loss.backward();

        var gradient = logits.grad!.data<float>().ToArray();
        Assert.Equal([0f, 0f], gradient[4..]); // position 2 predicts nothing
        Assert.Equal(-0.25, gradient[0], 6);     // position 0: (softmax − onehot(0)) / 2 tokens = (1/2 − 1) / 2
    }

    [Fact]
    public void A_batch_without_response_tokens_is_an_error_not_nan()
    {
        using var scope = NewDisposeScope();
        var labels = tensor(new long[] { 0, -100, -100 }).view(1, 3); // position 0's label is never predicted

        Assert.Throws<ArgumentException>(() => SftLoss.Compute(Logits(), labels));
    }

    [Fact]
    public void Mismatched_shapes_are_an_error()
    {
        using var scope = NewDisposeScope();

        Assert.Throws<ArgumentException>(() => SftLoss.Compute(Logits(), zeros([1, 4], ScalarType.Int64)));
    }
}
