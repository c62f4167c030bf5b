namespace Forgetless.Training.Running.Experiments;

/// <summary>A run's held-out losses at its last step, and their distance to the ideal point.</summary>
public sealed record FinalLosses(double SftLoss, double DpoLoss, double? IdealDistance);
