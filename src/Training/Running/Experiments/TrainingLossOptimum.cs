using Forgetless.Training.Schedules;

namespace Forgetless.Training.Running.Experiments;

/// <summary>
/// MAXRIGHT's f*: its gaps compare training-batch losses with f*, so f* is estimated on training losses too, as the
/// paper's scripts do: they pass <c>--sft_opt</c> / <c>--dpo_opt</c> measured by the optimum runs, whose only logged
/// losses are the training ones (their eval split is a dummy), smoothed as <c>loss_mean</c> (inferred from the scripts;
/// the README says only "pre-computed by a procedure similar to training a reference policy"). So f*_SFT is the
/// SFT-only run's final smoothed training f_SFT and f*_DPO the DPO-only run's final smoothed training f_DPO
/// (<see cref="SmoothedLosses"/>). A held-out f* would be on another scale and lock MAXRIGHT on one objective.
/// The report measures against another estimate, <see cref="ReportingIdeal"/>.
/// </summary>
public static class TrainingLossOptimum
{
    /// <summary>The final metric names the service stores these under (per run, beside eval/sft_loss and friends).</summary>
    public const string SftMetric = "train/sft_loss_smoothed";

    public const string DpoMetric = "train/dpo_loss_smoothed";

    public static IdealPoint From(RunResult sftOnly, RunResult dpoOnly) => new(
        sftOnly.TrainingLosses.Sft ?? throw new InvalidOperationException($"Run '{sftOnly.Id}' trained no SFT step: no f*_SFT."),
        dpoOnly.TrainingLosses.Dpo ?? throw new InvalidOperationException($"Run '{dpoOnly.Id}' trained no DPO step: no f*_DPO."));
}
