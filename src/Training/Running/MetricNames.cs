namespace Forgetless.Training.Running;

/// <summary>The metric names of docs/architecture.md: TRL's where TRL has one, ours otherwise.</summary>
public static class MetricNames
{
    public const string Objective = "objective";
    public const string Loss = "loss";
    public const string SftLoss = "sft/loss";
    public const string DpoLoss = "dpo/loss";
    public const string LearningRate = "learning_rate";
    public const string TokensPerSecond = "tokens_per_second";
    public const string NumTokens = "num_tokens";
    public const string PaddingFraction = "padding_fraction";
    public const string RewardsChosen = "rewards/chosen";
    public const string RewardsRejected = "rewards/rejected";
    public const string RewardsMargins = "rewards/margins";
    public const string RewardsAccuracies = "rewards/accuracies";
    public const string LogpsChosen = "logps/chosen";
    public const string LogpsRejected = "logps/rejected";
    public const string EvalSftLoss = "eval/sft_loss";
    public const string EvalDpoLoss = "eval/dpo_loss";
    public const string EvalRewardAccuracy = "eval/rewards/accuracies";

    /// <summary>The SFT-only run's held-out f_DPO against θ₀, while its own final model (the SFT-optimum reference) does not exist yet.</summary>
    public const string EvalDpoLossAgainstInitial = "eval/dpo_loss_vs_initial";

    public const string EvalRewardAccuracyAgainstInitial = "eval/rewards/accuracies_vs_initial";
    public const string SftGap = "gap/sft";
    public const string DpoGap = "gap/dpo";
    public const string IdealDistance = "ideal_distance";

    /// <summary>MAXRIGHT only, every step: the weighted gaps its choice was made on (stale between re-evaluations).</summary>
    public const string MaxrightSftGap = "maxright/gap_sft";
    public const string MaxrightDpoGap = "maxright/gap_dpo";

    /// <summary>MAXRIGHT only, value 1 at the steps where both gaps were re-evaluated on fresh batches.</summary>
    public const string MaxrightRefresh = "maxright/refresh";

    /// <summary>Final, once per run: seconds in training steps and evaluations, and the evaluations' part of them.</summary>
    public const string TrainSeconds = "train_seconds";
    public const string EvalSeconds = "eval_seconds";
}
