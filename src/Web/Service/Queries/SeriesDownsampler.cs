namespace Forgetless.Web.Service.Queries;

/// <summary>
/// Thins a curve to at most <c>maxPoints</c> for drawing: the first and last points always stay, and the points in
/// between fall into equal buckets that each keep their lowest and highest value (a spike or a dip is never lost,
/// which every-n-th thinning does lose).
/// </summary>
public static class SeriesDownsampler
{
    /// <summary>The indices to keep, ascending; all of them when the curve already fits.</summary>
    public static IReadOnlyList<int> Keep(IReadOnlyList<double> values, int maxPoints)
    {
        var count = values.Count;
        if (count <= Math.Max(maxPoints, 2))
        {
            return Enumerable.Range(0, count).ToList();
        }

        var kept = new List<int>(Math.Max(maxPoints, 2)) { 0 };
        var buckets = (Math.Max(maxPoints, 2) - 2) / 2; // each keeps up to two points
        var inner = count - 2;
        for (var b = 0; b < buckets; b++)
        {
            var start = 1 + (int)((long)inner * b / buckets);
            var end = 1 + (int)((long)inner * (b + 1) / buckets);
            var (low, high) = Extremes(values, start, end);
            kept.Add(Math.Min(low, high));
            if (high != low) kept.Add(Math.Max(low, high));
        }

        kept.Add(count - 1);
        return kept;
    }

    // The bucket's lowest and highest finite value; a bucket of NaN only keeps its first point.
    private static (int Low, int High) Extremes(IReadOnlyList<double> values, int start, int end)
    {
        int low = -1, high = -1;
        for (var i = start; i < end; i++)
        {
            var value = values[i];
            if (double.IsNaN(value)) continue;
            if (low < 0 || value < values[low]) low = i;
            if (high < 0 || value > values[high]) high = i;
        }

        return low < 0 ? (start, start) : (low, high);
    }
}
