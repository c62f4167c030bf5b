namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>A run's path in loss space: X = held-out f_DPO, Y = held-out f_SFT, one point per evaluation.</summary>
public sealed record TradeOffRun(string Key, string Name, string Color, IReadOnlyList<ChartPoint> Trajectory);
