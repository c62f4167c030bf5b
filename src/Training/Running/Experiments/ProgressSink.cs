using System.Globalization;

namespace Forgetless.Training.Running.Experiments;

/// <summary>Prints a run's held-out evaluations as one line each, for the headless command's progress.</summary>
public sealed class ProgressSink(TextWriter log, string runId) : IMetricSink
{
    public void Report(IReadOnlyList<MetricPoint> points)
    {
        var sft = points.FirstOrDefault(p => p.Name == MetricNames.EvalSftLoss);
        var dpo = points.FirstOrDefault(p => p.Name == MetricNames.EvalDpoLoss);
        if (sft is null)
        {
            return;
        }

        var distance = points.FirstOrDefault(p => p.Name == MetricNames.IdealDistance);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{runId}] step {sft.Step,5}: f_SFT {sft.Value:0.0000}  f_DPO {(dpo is null ? "–" : dpo.Value.ToString("0.0000", CultureInfo.InvariantCulture))}{(distance is null ? "" : $"  ideal distance {distance.Value:0.0000}")}"));
    }
}
