namespace Forgetless.Training.Schedules;

/// <summary>The pre-update mini-batch losses a step computed with gradients; null for an objective it did not train.</summary>
public sealed record StepLosses(long Step, double? Sft, double? Dpo);
