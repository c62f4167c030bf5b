namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// A value over seeds: the mean and the sample standard deviation (n − 1; 0 for one seed), as the paper reports
/// "mean ± std over seeds". Non-finite values (a diverged seed) are left out of both and counted in <see cref="Count"/> only when finite.
/// </summary>
public sealed record MeanSpread(double Mean, double Spread, int Count)
{
    public static MeanSpread Of(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            return new MeanSpread(double.NaN, 0, 0);
        }

        var mean = finite.Average();
        var spread = finite.Count == 1 ? 0 : Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / (finite.Count - 1));
        return new MeanSpread(mean, spread, finite.Count);
    }
}
