using System.Globalization;

namespace Forgetless.Training.Schedules;

/// <summary>One held-out evaluation of a run: what the reporting ideal point is estimated from. NaN = not measured.</summary>
public sealed record HeldOutObservation(string Run, long Step, double SftLoss, double DpoLoss);

/// <summary>Where one f* came from: its value, the run (its label) and the evaluation step that reached it.</summary>
public sealed record IdealSource(double Value, string Run, long Step);

/// <summary>
/// The ideal point a report measures against. f* is a minimum (paper §1), so each f* is the best (lowest) held-out
/// value that objective reached anywhere in the experiment, at any run's any evaluation step, not the final value of
/// the optimum run: an optimum run's held-out loss can rise again (overfitting), and then other runs beat it. Together
/// with gaps clamped at 0 (<see cref="IdealPoint.DistanceTo"/>) no run is pushed away from the ideal point by beating
/// an estimate. Runs whose losses are measured on other data or against another reference (the pref-SFT reference run)
/// must be left out by the caller.
/// </summary>
public sealed record ReportingIdeal(IdealSource Sft, IdealSource Dpo)
{
    public IdealPoint Point => new(Sft.Value, Dpo.Value);

    /// <summary>The estimate, or null until both objectives have at least one measured value.</summary>
    public static ReportingIdeal? Estimate(IEnumerable<HeldOutObservation> observations)
    {
        IdealSource? sft = null, dpo = null;
        foreach (var o in observations)
        {
            // Strictly lower: on a tie the first observation keeps the credit, so the answer does not depend on luck.
            if (!double.IsNaN(o.SftLoss) && (sft is null || o.SftLoss < sft.Value)) sft = new IdealSource(o.SftLoss, o.Run, o.Step);
            if (!double.IsNaN(o.DpoLoss) && (dpo is null || o.DpoLoss < dpo.Value)) dpo = new IdealSource(o.DpoLoss, o.Run, o.Step);
        }

        return sft is null || dpo is null ? null : new ReportingIdeal(sft, dpo);
    }

    /// <summary>One line for a page or a table, e.g. "f*_SFT 0.4700 = best held-out f_SFT, sft_only at step 180; …".</summary>
    public string Describe(string format = "0.0000") => string.Create(CultureInfo.InvariantCulture,
        $"f*_SFT {Sft.Value.ToString(format, CultureInfo.InvariantCulture)} = best held-out f_SFT, {Sft.Run} at step {Sft.Step}; " +
        $"f*_DPO {Dpo.Value.ToString(format, CultureInfo.InvariantCulture)} = best held-out f_DPO, {Dpo.Run} at step {Dpo.Step}");
}
