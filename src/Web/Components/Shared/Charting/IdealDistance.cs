namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>The paper's ideal distance: Euclidean distance in (f_DPO, f_SFT) loss space to the ideal point (f*_DPO, f*_SFT).</summary>
public static class IdealDistance
{
    public static double Between(ChartPoint run, ChartPoint ideal) =>
        Math.Sqrt(Math.Pow(run.X - ideal.X, 2) + Math.Pow(run.Y - ideal.Y, 2));
}
