namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// The paper's ideal distance: Euclidean distance in (f_DPO, f_SFT) loss space to the ideal point (f*_DPO, f*_SFT), the
/// engine's rule (<see cref="Training.Schedules.IdealPoint.DistanceTo"/>): a loss below its f* is a gap of 0, not a distance.
/// </summary>
public static class IdealDistance
{
    public static double Between(ChartPoint run, ChartPoint ideal) =>
        new Training.Schedules.IdealPoint(ideal.Y, ideal.X).DistanceTo(new Training.Schedules.ObjectiveLosses(run.Y, run.X));
}
