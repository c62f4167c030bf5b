namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// A run's path in loss space: X = held-out f_DPO, Y = held-out f_SFT, one point per evaluation. For a mean over
/// seeds, <see cref="FinalDpo"/> and <see cref="FinalSft"/> give the spread of the seeds' final points (error bars).
/// </summary>
public sealed record TradeOffRun(string Key, string Name, LineStyle Style, IReadOnlyList<ChartPoint> Trajectory,
    MeanSpread? FinalDpo = null, MeanSpread? FinalSft = null);
