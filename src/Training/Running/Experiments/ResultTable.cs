using System.Globalization;
using System.Text;

namespace Forgetless.Training.Running.Experiments;

/// <summary>A Markdown table of an experiment's runs, for the terminal and for docs.</summary>
public static class ResultTable
{
    public static string Format(ExperimentResult result)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"reference: {result.Reference}")
            .AppendLine(result.IdealSources is { } sources
                ? $"ideal point: {sources.Describe()}"
                : string.Create(CultureInfo.InvariantCulture, $"ideal point: f*_SFT = {result.Ideal.Sft:0.0000}, f*_DPO = {result.Ideal.Dpo:0.0000}"));
        if (result.ScheduleIdeal is { } schedule)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"MAXRIGHT's f* (smoothed training losses of the optimum runs): f*_SFT = {schedule.Sft:0.0000}, f*_DPO = {schedule.Dpo:0.0000}");
        }

        text.AppendLine()
            .AppendLine("| run | λ | final f_SFT | final f_DPO | ideal distance | forgetting_sft | forgetting_dpo | DPO steps | wall s | tokens/s |")
            .AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var run in result.Runs)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {run.Schedule} | {run.Lambda?.ToString("0.##", CultureInfo.InvariantCulture) ?? "–"} | {run.Final.SftLoss:0.0000} | {run.Final.DpoLoss:0.0000} | " +
                $"{Number(run.Final.IdealDistance)} | {Number(run.ForgettingSft)} | {Number(run.ForgettingDpo)} | {run.DpoStepShare:P0} | {run.WallSeconds:0.0} | {run.TokensPerSecond:0} |");
        }

        return text.ToString();
    }

    // Not measured (the reference run's distance, forgetting without a measured start) reads as a dash, not NaN.
    private static string Number(double? value) =>
        value is { } v && !double.IsNaN(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "–";
}
