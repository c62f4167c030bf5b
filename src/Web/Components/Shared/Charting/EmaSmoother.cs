namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// TensorBoard's smoothing slider (also W&amp;B's "EMA"): an exponential moving average with weight w in [0, 1),
/// debiased by 1 − w^n so the line starts at the first value instead of rising from zero. Keeps its state, so a
/// live line is smoothed point by point exactly as it would be in one pass.
/// </summary>
public sealed class EmaSmoother
{
    private readonly double _weight;
    private double _accumulated;
    private int _count;

    public EmaSmoother(double weight)
    {
        if (weight is < 0 or >= 1 || double.IsNaN(weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "Smoothing weight must be in [0, 1).");
        }

        _weight = weight;
    }

    public double Next(double value)
    {
        if (!double.IsFinite(value))
        {
            return value; // a NaN/∞ point is shown as it is and does not poison the rest of the line
        }

        _count++;
        _accumulated = _accumulated * _weight + (1 - _weight) * value;
        return _weight == 0 ? value : _accumulated / (1 - Math.Pow(_weight, _count));
    }

    public static IReadOnlyList<ChartPoint> Smooth(IReadOnlyList<ChartPoint> points, double weight)
    {
        if (weight == 0)
        {
            return points;
        }

        var smoother = new EmaSmoother(weight);
        return points.Select(p => p with { Y = smoother.Next(p.Y) }).ToList();
    }
}
