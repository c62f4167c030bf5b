namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// One chart line fed live: keeps every raw point, smooths them incrementally, and decides how the browser's copy
/// changes. New points are appended (Plotly extendTraces) until the line holds twice its budget; then it is
/// downsampled back to the budget and redrawn once. So 5,000 live points cost a handful of redraws, not 5,000.
/// </summary>
public sealed class LiveSeries
{
    private readonly List<ChartPoint> _raw = [];
    private readonly List<ChartPoint> _smoothed = [];
    private readonly int _budget;
    private EmaSmoother _smoother;
    private double _smoothing;

    public LiveSeries(int budget, double smoothing)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 3);
        _budget = budget;
        _smoothing = smoothing;
        _smoother = new EmaSmoother(smoothing);
    }

    public IReadOnlyList<ChartPoint> Raw => _raw;

    /// <summary>How many points the browser holds for this line.</summary>
    public int DisplayedCount { get; private set; }

    /// <summary>
    /// Adds points; the result says whether to extend the line with them or redraw it entirely. A line's steps only
    /// grow, so a point at or before the last one is one the line already has (the store's copy and the live feed
    /// overlap while a page opens) and is left out.
    /// </summary>
    public SeriesUpdate Append(IReadOnlyList<ChartPoint> points)
    {
        var added = new List<ChartPoint>(points.Count);
        foreach (var point in points)
        {
            if (_raw.Count > 0 && point.X <= _raw[^1].X)
            {
                continue;
            }

            _raw.Add(point);
            var smoothed = point with { Y = _smoother.Next(point.Y) };
            _smoothed.Add(smoothed);
            added.Add(smoothed);
        }

        if (DisplayedCount + added.Count <= 2 * _budget)
        {
            DisplayedCount += added.Count;
            return new SeriesUpdate(Redraw: false, added);
        }

        return new SeriesUpdate(Redraw: true, Display());
    }

    /// <summary>Recomputes the smoothed line with a new weight (the slider moved) and returns what to draw.</summary>
    public IReadOnlyList<ChartPoint> Resmooth(double smoothing)
    {
        _smoothing = smoothing;
        _smoother = new EmaSmoother(smoothing);
        _smoothed.Clear();
        _smoothed.AddRange(_raw.Select(p => p with { Y = _smoother.Next(p.Y) }));
        return Display();
    }

    public double Smoothing => _smoothing;

    private IReadOnlyList<ChartPoint> Display()
    {
        var shown = Downsampling.Lttb(_smoothed, _budget);
        DisplayedCount = shown.Count;
        return shown;
    }
}
