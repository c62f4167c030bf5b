using System.Runtime.InteropServices;
using Forgetless.Bench;

// Every benchmark, in the order the table shows them. Add a new one with one line here.
IBenchmark[] benchmarks =
[
    new TrainingStepBenchmark(),
    new MemoryBenchmark(),
    new PhaseBreakdownBenchmark(),
    new ScheduleWallTimeBenchmark(),
    new MetricIngestionBench(),
    new MetricIngestionBench(Forgetless.Data.StoreProvider.Postgres),
    new GenerationBenchmark(),
    new CheckpointLoadBenchmark(),
    new HubFanOutBenchmark(),
    new ScaleOutBenchmark(),
    new MetricSeriesBenchmark(),
    new ExperimentPageBenchmark(),
    new LaunchEstimateBenchmark(),
    new SoakBenchmark(),
    new OneClickBenchmark(),
    new OneClickBrowserBenchmark(),
];

var quick = args.Contains("--quick");
var selected = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet();
var toRun = benchmarks.Where(b => selected.Count == 0 || selected.Contains(b.Name)).ToList();
if (toRun.Count == 0 && selected.Count > 0)
{
    Console.Error.WriteLine($"unknown benchmark; known: {string.Join(", ", benchmarks.Select(b => b.Name))}");
    return 2;
}

Console.WriteLine($"Forgetless benchmarks, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, " +
                  $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}{(quick ? ", quick mode" : "")}");
var rows = new List<BenchRow>();
foreach (var benchmark in toRun)
{
    Console.Error.WriteLine($"bench: {benchmark.Name} ...");
    // Each row is echoed as it is measured, so a long benchmark stopped half-way still leaves its first cases.
    foreach (var row in benchmark.Run(new BenchOptions(quick)))
    {
        rows.Add(row);
        Console.Error.WriteLine($"bench:   {row.Case} · {row.Metric} = {row.Value:0.###} {row.Unit}");
    }
}

BenchTable.Print(rows, Console.Out);
return rows.Any(r => r.Met == false) ? 1 : 0;
