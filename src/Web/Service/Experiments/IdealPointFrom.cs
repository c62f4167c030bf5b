using System.Text.Json;
using Forgetless.Data.Entities;

namespace Forgetless.Web.Service.Experiments;

/// <summary>Reads an optimum run's contribution to the ideal point from its final metrics.</summary>
public static class IdealPointFrom
{
    /// <summary>f*_SFT (final eval/sft_loss of the SFT-only run) or f*_DPO (final eval/dpo_loss of the DPO-only run).</summary>
    public static double? Optimum(Run run)
    {
        if (run.FinalMetricsJson is null || run.Role == RunRole.Schedule) return null;
        var metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(run.FinalMetricsJson);
        var name = run.Role == RunRole.SftOptimum ? "eval/sft_loss" : "eval/dpo_loss"; // the engine's MetricNames.EvalSftLoss / EvalDpoLoss
        return metrics is not null && metrics.TryGetValue(name, out var value) ? value : null;
    }
}
