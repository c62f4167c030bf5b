using System.Globalization;
using System.Text;

namespace Forgetless.Training.Running.Experiments;

/// <summary>Markdown tables of an experiment's runs, for the terminal and for docs.</summary>
public static class ResultTable
{
    /// <summary>One seed: every run's own numbers.</summary>
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
                $"| {run.Schedule} | {Lambda(run.Lambda)} | {run.Final.SftLoss:0.0000} | {run.Final.DpoLoss:0.0000} | " +
                $"{Number(run.Final.IdealDistance)} | {Number(run.ForgettingSft)} | {Number(run.ForgettingDpo)} | {run.DpoStepShare:P0} | {run.WallSeconds:0.0} | {run.TokensPerSecond:0} |");
        }

        return text.ToString();
    }

    /// <summary>
    /// Every seed: each schedule × λ as mean ± sample standard deviation over seeds with the per-seed values in
    /// brackets (seed order), then the interpolation baseline the same way, then each seed's own table.
    /// </summary>
    public static string Format(MultiSeedResult result)
    {
        var seeds = result.Seeds;
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"seeds {string.Join(", ", seeds.Select(s => s.Runs.FirstOrDefault()?.Seed))}: mean ± std (per-seed values)")
            .AppendLine(CultureInfo.InvariantCulture, $"ideal f*_SFT {new SeedSpread([.. seeds.Select(s => s.Ideal.Sft)]).Format()}, f*_DPO {new SeedSpread([.. seeds.Select(s => s.Ideal.Dpo)]).Format()}")
            .AppendLine()
            .AppendLine("| run | λ | final f_SFT | final f_DPO | ideal distance | forgetting_sft | forgetting_dpo |")
            .AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var group in seeds.SelectMany(s => s.Runs).GroupBy(r => (r.Schedule, r.Lambda)))
        {
            var runs = group.ToList();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {group.Key.Schedule} | {Lambda(group.Key.Lambda)} | {Spread(runs, r => r.Final.SftLoss)} | {Spread(runs, r => r.Final.DpoLoss)} | " +
                $"{Spread(runs, r => r.Final.IdealDistance ?? double.NaN)} | {Spread(runs, r => r.ForgettingSft)} | {Spread(runs, r => r.ForgettingDpo)} |");
        }

        var interpolation = seeds.SelectMany(s => s.Interpolation).GroupBy(p => p.Alpha).ToList();
        if (interpolation.Count > 0)
        {
            text.AppendLine().AppendLine("weight interpolation (1 − α)·SFT-only + α·Sequential SFT→DPO:").AppendLine()
                .AppendLine("| α | f_SFT | f_DPO |").AppendLine("| --- | --- | --- |");
            foreach (var alpha in interpolation)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {alpha.Key:0.##} | {new SeedSpread([.. alpha.Select(p => p.SftLoss)]).Format()} | {new SeedSpread([.. alpha.Select(p => p.DpoLoss)]).Format()} |");
            }
        }

        foreach (var seed in seeds)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"seed {seed.Runs.FirstOrDefault()?.Seed}:").Append(Format(seed));
        }

        return text.ToString();
    }

    private static string Spread(IReadOnlyList<RunResult> runs, Func<RunResult, double> value) => new SeedSpread([.. runs.Select(value)]).Format();

    private static string Lambda(double? lambda) => lambda?.ToString("0.##", CultureInfo.InvariantCulture) ?? "–";
    // Not measured (the reference run's distance, forgetting without a measured start) reads as a dash, not NaN.
    private static string Number(double? value) =>
        value is { } v && !double.IsNaN(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "–";
}
