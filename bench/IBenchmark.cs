namespace Forgetless.Bench;

/// <summary>One benchmark: measures something and returns rows for the table. Add yours to Program's list.</summary>
public interface IBenchmark
{
    /// <summary>Short name used on the command line: <c>./forgetless bench NAME</c>.</summary>
    string Name { get; }

    IEnumerable<BenchRow> Run(BenchOptions options);
}

/// <summary>One line of the results table; Target and Met are empty when the row has no target.</summary>
public sealed record BenchRow(string Benchmark, string Case, string Metric, double Value, string Unit, string Target = "", bool? Met = null);

/// <summary>Quick mode runs fewer iterations (a smoke check, not for docs/benchmarks.md).</summary>
public sealed record BenchOptions(bool Quick);
