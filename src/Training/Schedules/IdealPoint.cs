namespace Forgetless.Training.Schedules;

/// <summary>
/// (f*_SFT, f*_DPO): each objective minimised on its own (paper §1). No single model reaches both in general. Two
/// estimates exist: MAXRIGHT's, from the optimum runs' training losses (<c>TrainingLossOptimum</c>), and the
/// reporting one, the best held-out value each objective reached in the experiment (<c>ReportingIdeal</c>).
/// </summary>
public sealed record IdealPoint(double Sft, double Dpo)
{
    /// <summary>Both offsets zero: MAXRIGHT then compares the raw weighted losses (the paper's default).</summary>
    public static IdealPoint Origin { get; } = new(0, 0);

    /// <summary>Signed, as MAXRIGHT uses it: a batch loss below f* gives a negative gap (paper §2.4).</summary>
    public double SftGap(double sftLoss) => sftLoss - Sft;

    /// <summary>Signed, as MAXRIGHT uses it.</summary>
    public double DpoGap(double dpoLoss) => dpoLoss - Dpo;

    /// <summary>The optimality gap a report shows: beating f* is no distance, so it is never below 0.</summary>
    public double ReportedSftGap(double sftLoss) => Math.Max(0, SftGap(sftLoss));

    /// <summary>The optimality gap a report shows, never below 0.</summary>
    public double ReportedDpoGap(double dpoLoss) => Math.Max(0, DpoGap(dpoLoss));

    /// <summary>
    /// The paper's "ideal distance": the Euclidean norm of the two reported gaps. A loss below its f* counts as 0,
    /// not as a distance, so a run that beats the estimate on one objective is not pushed away from the ideal point.
    /// </summary>
    public double DistanceTo(ObjectiveLosses losses) =>
        Math.Sqrt(ReportedSftGap(losses.Sft) * ReportedSftGap(losses.Sft) + ReportedDpoGap(losses.Dpo) * ReportedDpoGap(losses.Dpo));
}
