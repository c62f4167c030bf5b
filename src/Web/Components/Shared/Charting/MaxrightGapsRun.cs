namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// One MAXRIGHT run's two weighted gaps over steps (the values each step's choice was made on) and the steps at
/// which both gaps were re-evaluated on fresh batches.
/// </summary>
public sealed record MaxrightGapsRun(string Name, string Dash, IReadOnlyList<ChartPoint> SftGap, IReadOnlyList<ChartPoint> DpoGap,
    IReadOnlyList<double> RefreshSteps);
