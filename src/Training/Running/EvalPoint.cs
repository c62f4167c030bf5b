using System.Text.Json.Serialization;

namespace Forgetless.Training.Running;

/// <summary>
/// Held-out losses after <see cref="Step"/> optimiser updates (step 0 is the starting model): one point of the
/// forgetting curve. <see cref="IdealDistance"/> is null while the ideal point is unknown.
/// </summary>
public sealed record EvalPoint(
    [property: JsonPropertyName("step")] long Step,
    [property: JsonPropertyName("sft_loss")] double SftLoss,
    [property: JsonPropertyName("dpo_loss")] double DpoLoss,
    [property: JsonPropertyName("reward_accuracy")] double RewardAccuracy,
    [property: JsonPropertyName("ideal_distance")] double? IdealDistance = null);
