namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// The non-dominated points when both coordinates are losses (lower is better): no other point is at least as good
/// in both and strictly better in one. Returned sorted by X, so drawing them in order gives the front's staircase.
/// </summary>
public static class ParetoFront
{
    public static IReadOnlyList<ChartPoint> Of(IEnumerable<ChartPoint> points)
    {
        var front = new List<ChartPoint>();
        var bestY = double.PositiveInfinity;
        foreach (var point in points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))
                     .Distinct().OrderBy(p => p.X).ThenBy(p => p.Y))
        {
            // Sorted by X, a point survives only if it beats the lowest Y seen at any smaller-or-equal X.
            if (point.Y < bestY)
            {
                front.Add(point);
                bestY = point.Y;
            }
        }

        return front;
    }
}
