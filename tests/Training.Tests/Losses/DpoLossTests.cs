using Forgetless.Training.Losses;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Losses;

public class DpoLossTests
{
    [Fact]
    public void Loss_is_ln2_when_policy_equals_reference()
    {
        using var scope = NewDisposeScope();
        var chosen = tensor(new[] { -3f, -10f });
        var rejected = tensor(new[] { -4f, -2f });

        var result = new DpoLoss(beta: 0.1).Compute(chosen, rejected, chosen, rejected);

        // Both log-ratios are 0, so the loss is −log σ(0) = ln 2 = 0.693147 and every reward is 0.
        Assert.Equal(0.693147, result.Loss.item<float>(), 5);
        Assert.Equal([0f, 0f], result.ChosenRewards.data<float>().ToArray());
        Assert.Equal([0f, 0f], result.RejectedRewards.data<float>().ToArray());
    }

    [Fact]
    public void Loss_is_minus_log_sigmoid_of_beta_times_the_log_ratio_difference_averaged_over_pairs()
    {
        using var scope = NewDisposeScope();
        // β = 0.5.
        // Pair A: chosen log-ratio −2 − (−3) = 1, rejected −4 − (−3) = −1 → x = 0.5·(1 − (−1)) = 1
        //         → −log σ(1) = log(1 + e^−1) = 0.313262
        // Pair B: chosen −5 − (−4) = −1, rejected −3 − (−4) = 1 → x = 0.5·(−2) = −1 → log(1 + e) = 1.313262
        // Mean: 0.813262.
        var result = Dpo(out _);

        Assert.Equal(0.813262, result.Loss.item<float>(), 5);
        Assert.Equal([0.5f, -0.5f], result.ChosenRewards.data<float>().ToArray());
        Assert.Equal([-0.5f, 0.5f], result.RejectedRewards.data<float>().ToArray());
    }

    [Fact]
    public void Summary_gives_means_of_rewards_margins_and_accuracy()
    {
        using var scope = NewDisposeScope();

        var summary = Dpo(out _).Summarize();

        // margins: pair A 0.5 − (−0.5) = 1, pair B −1; only pair A prefers the chosen response.
        Assert.Equal(new DpoRewardSummary(Chosen: 0, Rejected: 0, Margin: 0, Accuracy: 0.5), summary);
    }

    [Fact]
    public void Raising_the_chosen_log_prob_lowers_the_loss()
    {
        using var scope = NewDisposeScope();
        var result = Dpo(out var policyChosen);

        result.Loss.backward();

        // d/dπ_c of mean −log σ(x) = −β σ(−x) / pairs; pair A: −0.5 · σ(−1) / 2 = −0.5 · 0.268941 / 2 = −0.067235
        Assert.Equal(-0.067235, policyChosen.grad!.data<float>()[0], 5);
        Assert.True(result.ChosenRewards.requires_grad is false);
    }

    [Fact]
    public void Beta_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DpoLoss(beta: 0));
        Assert.Equal(0.1, new DpoLoss().Beta);
    }

    private static DpoLossResult Dpo(out Tensor policyChosen)
    {
        policyChosen = tensor(new[] { -2f, -5f }, requires_grad: true);
        return new DpoLoss(beta: 0.5).Compute(
            policyChosen, tensor(new[] { -4f, -3f }), tensor(new[] { -3f, -4f }), tensor(new[] { -3f, -4f }));
    }
}
