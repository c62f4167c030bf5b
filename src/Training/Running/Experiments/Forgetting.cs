namespace Forgetless.Training.Running.Experiments;

/// <summary>How much of the SFT objective a run lost, read off its held-out curve.</summary>
public static class Forgetting
{
    /// <summary>
    /// Final f_SFT minus the best f_SFT among the points at or before <paramref name="dpoStageStart"/> (the step the
    /// last DPO-only stretch starts at; pass the run's length for joint runs, which compares with the run's best).
    /// </summary>
    public static double Sft(IReadOnlyList<EvalPoint> curve, long dpoStageStart)
    {
        if (curve.Count == 0)
        {
            return double.NaN;
        }

        var best = curve.Where(p => p.Step <= dpoStageStart).Select(p => p.SftLoss).DefaultIfEmpty(curve[0].SftLoss).Min();
        return curve[^1].SftLoss - best;
    }
}
