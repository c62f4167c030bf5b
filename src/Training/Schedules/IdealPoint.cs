namespace Forgetless.Training.Schedules;

/// <summary>
/// (f*_SFT, f*_DPO): each objective minimised on its own, estimated as the final held-out loss of the
/// SFT-only and DPO-only runs (paper §1). No single model reaches both in general.
/// </summary>
public sealed record IdealPoint(double Sft, double Dpo)
{
    /// <summary>Both offsets zero: MAXRIGHT then compares the raw weighted losses (the paper's default).</summary>
    public static IdealPoint Origin { get; } = new(0, 0);

    public double SftGap(double sftLoss) => sftLoss - Sft;

    public double DpoGap(double dpoLoss) => dpoLoss - Dpo;

    /// <summary>Euclidean distance in loss space to the ideal point, the paper's "ideal distance".</summary>
    public double DistanceTo(ObjectiveLosses losses) =>
        Math.Sqrt(SftGap(losses.Sft) * SftGap(losses.Sft) + DpoGap(losses.Dpo) * DpoGap(losses.Dpo));
}
