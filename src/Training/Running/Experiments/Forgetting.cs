namespace Forgetless.Training.Running.Experiments;

/// <summary>How much of one objective a run lost, read off its held-out curve.</summary>
public static class Forgetting
{
    /// <summary>
    /// Final f_SFT minus the best f_SFT among the points at or before <paramref name="dpoStageStart"/> (the step the
    /// last DPO-only stretch starts at; pass the run's length for joint runs, which compares with the run's best).
    /// </summary>
    public static double Sft(IReadOnlyList<EvalPoint> curve, long dpoStageStart) =>
        RiseAboveBest([.. curve.Select(p => (p.Step, p.SftLoss))], dpoStageStart);

    /// <summary>
    /// The mirror image: final f_DPO minus the best f_DPO among the points at or before <paramref name="sftStageStart"/>
    /// (the step the last SFT-only stretch starts at: the switch of DPO→SFT, 0 for the SFT-only run; the run's length
    /// for joint runs).
    /// </summary>
    public static double Dpo(IReadOnlyList<EvalPoint> curve, long sftStageStart) =>
        RiseAboveBest([.. curve.Select(p => (p.Step, p.DpoLoss))], sftStageStart);

    // Points not measured (NaN) are skipped; without a measured point before the stage or at the end the answer is NaN.
    private static double RiseAboveBest(IReadOnlyList<(long Step, double Loss)> curve, long stageStart)
    {
        if (curve.Count == 0 || double.IsNaN(curve[^1].Loss))
        {
            return double.NaN;
        }

        var before = curve.Where(p => p.Step <= stageStart && !double.IsNaN(p.Loss)).Select(p => p.Loss).ToList();
        return before.Count == 0 ? double.NaN : curve[^1].Loss - before.Min();
    }
}
