using System.Globalization;
using System.Text;

namespace Forgetless.Training.Running.Experiments;

/// <summary>A Markdown table of an experiment's runs, for the terminal and for docs.</summary>
public static class ResultTable
{
    public static string Format(ExperimentResult result)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"ideal point: f*_SFT = {result.Ideal.Sft:0.0000}, f*_DPO = {result.Ideal.Dpo:0.0000}")
            .AppendLine()
            .AppendLine("| run | λ | final f_SFT | final f_DPO | ideal distance | forgetting_sft | DPO steps | wall s | tokens/s |")
            .AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var run in result.Runs)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {run.Schedule} | {run.Lambda?.ToString("0.##", CultureInfo.InvariantCulture) ?? "–"} | {run.Final.SftLoss:0.0000} | {run.Final.DpoLoss:0.0000} | " +
                $"{run.Final.IdealDistance:0.0000} | {run.ForgettingSft:0.0000} | {run.DpoStepShare:P0} | {run.WallSeconds:0.0} | {run.TokensPerSecond:0} |");
        }

        return text.ToString();
    }
}
