using System.Globalization;

namespace Forgetless.Bench;

/// <summary>Prints rows as a Markdown table, ready to paste into docs/benchmarks.md.</summary>
public static class BenchTable
{
    public static void Print(IReadOnlyList<BenchRow> rows, TextWriter output)
    {
        output.WriteLine("| benchmark | case | metric | value | unit | target | met |");
        output.WriteLine("|---|---|---|---:|---|---|---|");
        foreach (var row in rows)
        {
            var value = row.Value.ToString(Math.Abs(row.Value) >= 100 ? "N0" : "G4", CultureInfo.InvariantCulture);
            var met = row.Met switch { true => "yes", false => "**no**", null => "" };
            output.WriteLine($"| {row.Benchmark} | {row.Case} | {row.Metric} | {value} | {row.Unit} | {row.Target} | {met} |");
        }
    }
}
