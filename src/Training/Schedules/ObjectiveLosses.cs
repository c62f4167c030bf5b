namespace Forgetless.Training.Schedules;

/// <summary>One value of each objective: a no-grad evaluation on the current batches, or held-out losses.</summary>
public sealed record ObjectiveLosses(double Sft, double Dpo);
