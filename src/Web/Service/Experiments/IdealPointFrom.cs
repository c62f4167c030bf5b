using Forgetless.Data.Entities;
using Forgetless.Training.Running.Experiments;

namespace Forgetless.Web.Service.Experiments;

/// <summary>Reads an optimum run's contribution to MAXRIGHT's f* from its final metrics (see <see cref="TrainingLossOptimum"/>).</summary>
public static class IdealPointFrom
{
    /// <summary>
    /// f*_SFT (the SFT-only run's final smoothed training f_SFT) or f*_DPO (the DPO-only run's final smoothed training
    /// f_DPO); null for other runs and for optimum runs stored before these were recorded (they are not reused).
    /// </summary>
    public static double? Optimum(Run run)
    {
        if (run.Role is not (RunRole.SftOptimum or RunRole.DpoOptimum)) return null;
        var metrics = Run.FinalMetricsFrom(run.FinalMetricsJson);
        var name = run.Role == RunRole.SftOptimum ? TrainingLossOptimum.SftMetric : TrainingLossOptimum.DpoMetric;
        return metrics is not null && metrics.TryGetValue(name, out var value) ? value : null;
    }
}
