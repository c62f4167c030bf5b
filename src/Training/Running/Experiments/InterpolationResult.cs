namespace Forgetless.Training.Running.Experiments;

/// <summary>Held-out losses of the model (1 − α)·θ_SFT-only + α·θ_Sequential: one point of the weight-interpolation baseline.</summary>
public sealed record InterpolationResult(double Alpha, double SftLoss, double DpoLoss);
