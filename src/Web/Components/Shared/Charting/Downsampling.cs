namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// Largest-Triangle-Three-Buckets (Steinarsson, 2013): keeps the first and last points and, from each bucket
/// in between, the point forming the largest triangle with its neighbours, so peaks and the curve's shape
/// survive while a 5,000-point line becomes ~1,000 points the browser can draw smoothly.
/// </summary>
public static class Downsampling
{
    public static IReadOnlyList<ChartPoint> Lttb(IReadOnlyList<ChartPoint> points, int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 3);
        if (points.Count <= threshold)
        {
            return points;
        }

        var sampled = new List<ChartPoint>(threshold) { points[0] };
        var bucketSize = (double)(points.Count - 2) / (threshold - 2);
        var previous = 0;
        for (var bucket = 0; bucket < threshold - 2; bucket++)
        {
            var start = (int)(bucket * bucketSize) + 1;
            var end = (int)((bucket + 1) * bucketSize) + 1;
            var (nextX, nextY) = Average(points, end, Math.Min((int)((bucket + 2) * bucketSize) + 1, points.Count));
            var best = start;
            var bestArea = -1.0;
            for (var i = start; i < end; i++)
            {
                var area = Math.Abs(
                    (points[previous].X - nextX) * (points[i].Y - points[previous].Y)
                    - (points[previous].X - points[i].X) * (nextY - points[previous].Y));
                if (area > bestArea)
                {
                    bestArea = area;
                    best = i;
                }
            }

            sampled.Add(points[best]);
            previous = best;
        }

        sampled.Add(points[^1]);
        return sampled;
    }

    // The next bucket's centroid; the last bucket's "next" is the final point alone.
    private static (double X, double Y) Average(IReadOnlyList<ChartPoint> points, int start, int end)
    {
        if (start >= end)
        {
            return (points[^1].X, points[^1].Y);
        }

        double x = 0, y = 0;
        for (var i = start; i < end; i++)
        {
            x += points[i].X;
            y += points[i].Y;
        }

        return (x / (end - start), y / (end - start));
    }
}
