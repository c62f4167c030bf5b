namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>The metric names the engine reports (docs/architecture.md) that the pages plot.</summary>
public static class MetricNames
{
    public const string Loss = "loss";
    public const string SftLoss = "sft/loss";
    public const string DpoLoss = "dpo/loss";
    public const string Objective = "objective";
    public const string RewardAccuracy = "rewards/accuracies";
    public const string RewardMargin = "rewards/margins";
    public const string TokensPerSecond = "tokens_per_second";
    public const string EvalSftLoss = "eval/sft_loss";
    public const string EvalDpoLoss = "eval/dpo_loss";
    public const string EvalRewardAccuracy = "eval/rewards/accuracies";
    public const string IdealDistance = "ideal_distance";
    public const string PeakMemoryBytes = "peak_memory_bytes";
    public const string NumTokens = "num_tokens";
}
