using System.Globalization;

namespace Forgetless.Training.Running.Experiments;

/// <summary>
/// One quantity over seeds: the mean and sample standard deviation (0 for one seed) of the measured values, and the
/// per-seed values. NaN means "not measured" (e.g. a reference run's distance): it is left out of the mean and shown as a dash.
/// </summary>
public sealed record SeedSpread(IReadOnlyList<double> Values)
{
    private IReadOnlyList<double> Measured => [.. Values.Where(v => !double.IsNaN(v))];

    public double Mean => Measured.Count == 0 ? double.NaN : Measured.Average();

    public double Std => Measured.Count < 2 ? 0 : Math.Sqrt(Measured.Sum(v => (v - Mean) * (v - Mean)) / (Measured.Count - 1));

    /// <summary>"mean ± std (v1 / v2 / v3)"; one value alone; "–" when nothing was measured.</summary>
    public string Format(string number = "0.000")
    {
        string Text(double v) => double.IsNaN(v) ? "–" : v.ToString(number, CultureInfo.InvariantCulture);
        return Measured.Count == 0 ? "–"
            : Values.Count == 1 ? Text(Values[0])
            : $"{Text(Mean)} ± {Text(Std)} ({string.Join(" / ", Values.Select(Text))})";
    }
}
