using System.Globalization;

namespace Forgetless.Training.Running.Experiments;

/// <summary>
/// <c>./forgetless experiment CONFIG.json --out RESULTS.json [--work DIR] [--seed N] [--steps N]</c>: runs a whole
/// experiment headless, once per seed (<c>--seed N</c>: that seed only), prints progress to <c>log</c> and writes the results JSON. Ctrl+C stops after the current step.
/// </summary>
public static class ExperimentCommand
{
    public const string Usage =
        "usage: forgetless experiment CONFIG.json --out RESULTS.json [--work DIR] [--seed N] [--steps N]";

    public static int Run(IReadOnlyList<string> args, TextWriter log)
    {
        string? config = null, output = null, work = null;
        int? seed = null, steps = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Count: output = args[++i]; break;
                case "--work" when i + 1 < args.Count: work = args[++i]; break;
                case "--seed" when i + 1 < args.Count: seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--steps" when i + 1 < args.Count: steps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case var path when config is null && !path.StartsWith("--", StringComparison.Ordinal): config = path; break;
                default: log.WriteLine($"unknown argument '{args[i]}'\n{Usage}"); return 2;
            }
        }

        if (config is null || output is null)
        {
            log.WriteLine(Usage);
            return 2;
        }

        ExperimentSpec spec;
        try
        {
            spec = ExperimentSpec.Load(config);
            // --seed runs that one seed only, whatever the config's seeds.
            spec = (seed is { } one ? spec with { Seed = one, Seeds = null } : spec) with { Steps = steps ?? spec.Steps };
            spec = spec.Validate();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or System.Text.Json.JsonException)
        {
            log.WriteLine($"{config}: {e.Message}");
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
        work ??= Path.Combine(Path.GetTempPath(), "forgetless-experiments", spec.Name);
        var result = ExperimentRunner.RunSeeds(spec, work, log, cancellation.Token);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, result.ToJson());
        log.WriteLine($"wrote {output}");
        log.WriteLine(ResultTable.Format(result));
        return cancellation.IsCancellationRequested ? 130 : 0;
    }
}
