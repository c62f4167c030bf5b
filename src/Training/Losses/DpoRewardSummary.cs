namespace Forgetless.Training.Losses;

/// <summary>Batch means of the DPO rewards; Accuracy is the fraction of pairs whose chosen reward is strictly higher.</summary>
public sealed record DpoRewardSummary(double Chosen, double Rejected, double Margin, double Accuracy);
