namespace Forgetless.Web.Service.Queries;

/// <summary>
/// One point of a seed's weight-interpolation baseline: held-out losses of (1 − α)·θ_SFT-only + α·θ_Sequential SFT→DPO.
/// α = 0 is the SFT-only model, α = 1 the Sequential end model.
/// </summary>
public sealed record InterpolationPoint(int Seed, double Alpha, double EvalSftLoss, double EvalDpoLoss);
