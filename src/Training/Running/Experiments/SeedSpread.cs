using System.Globalization;

namespace Forgetless.Training.Running.Experiments;

/// <summary>One quantity over seeds: its mean and sample standard deviation (0 for one seed), and the per-seed values.</summary>
public sealed record SeedSpread(IReadOnlyList<double> Values)
{
    public double Mean => Values.Average();

    public double Std => Values.Count < 2 ? 0 : Math.Sqrt(Values.Sum(v => (v - Mean) * (v - Mean)) / (Values.Count - 1));

    /// <summary>"mean ± std (v1 / v2 / v3)".</summary>
    public string Format(string number = "0.000") =>
        Values.Count == 1 ? Values[0].ToString(number, CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Mean.ToString(number, CultureInfo.InvariantCulture)} ± {Std.ToString(number, CultureInfo.InvariantCulture)} ({string.Join(" / ", Values.Select(v => v.ToString(number, CultureInfo.InvariantCulture)))})");
}
