using Forgetless.Training.Batches;
using Forgetless.Training.Schedules;

namespace Forgetless.Training.Running;

/// <summary>The numbers one optimiser step produced (batch means, pre-update), and their metric points.</summary>
internal sealed class StepResult(double? sftLoss, double? dpoLoss)
{
    public double? SftLoss { get; set; } = sftLoss;

    public double? DpoLoss { get; set; } = dpoLoss;

    public long Tokens { get; private set; }

    private long _padTokens;

    /// <summary>Counts a batch's real and padding tokens: the step reports the share of padding it computed on.</summary>
    public void Count(TokenBatch batch)
    {
        Tokens += batch.TokenCount;
        _padTokens += batch.PadCount;
    }

    private double _chosenReward, _rejectedReward, _accuracy, _chosenLogp, _rejectedLogp;

    public void AddDpo(double share, DpoOutcome outcome)
    {
        var rewards = outcome.Result.Summarize();
        DpoLoss += share * outcome.Result.Loss.item<float>();
        _chosenReward += share * rewards.Chosen;
        _rejectedReward += share * rewards.Rejected;
        _accuracy += share * rewards.Accuracy;
        _chosenLogp += share * outcome.PolicyChosen.mean().item<float>();
        _rejectedLogp += share * outcome.PolicyRejected.mean().item<float>();
        Count(outcome.Batch);
    }

    public IReadOnlyList<MetricPoint> Metrics(long step, StepPlan plan, double learningRate, double tokensPerSecond, long numTokens)
    {
        var loss = plan.SftWeight * (SftLoss ?? 0) + plan.DpoWeight * (DpoLoss ?? 0);
        List<MetricPoint> points =
        [
            new(step, Running.MetricNames.Objective, plan.ObjectiveCode),
            new(step, Running.MetricNames.Loss, loss),
            new(step, Running.MetricNames.LearningRate, learningRate),
            new(step, Running.MetricNames.TokensPerSecond, tokensPerSecond),
            new(step, Running.MetricNames.NumTokens, numTokens),
            new(step, Running.MetricNames.PaddingFraction, Tokens + _padTokens == 0 ? 0 : (double)_padTokens / (Tokens + _padTokens)),
        ];
        if (SftLoss is { } sft)
        {
            points.Add(new(step, Running.MetricNames.SftLoss, sft));
        }

        if (DpoLoss is { } dpo)
        {
            points.Add(new(step, Running.MetricNames.DpoLoss, dpo));
            points.Add(new(step, Running.MetricNames.RewardsChosen, _chosenReward));
            points.Add(new(step, Running.MetricNames.RewardsRejected, _rejectedReward));
            points.Add(new(step, Running.MetricNames.RewardsMargins, _chosenReward - _rejectedReward));
            points.Add(new(step, Running.MetricNames.RewardsAccuracies, _accuracy));
            points.Add(new(step, Running.MetricNames.LogpsChosen, _chosenLogp));
            points.Add(new(step, Running.MetricNames.LogpsRejected, _rejectedLogp));
        }

        return points;
    }
}
