namespace Forgetless.Data.Entities;

/// <summary>One scalar of a run at a step. Append-only; written in batches by the metric writer.</summary>
public sealed class MetricPoint
{
    public long Id { get; set; }

    public int RunId { get; set; }

    public long Step { get; set; }

    public required string Name { get; set; }

    /// <summary>Null when the engine reported NaN (SQLite has no NaN); infinities are stored as such.</summary>
    public double? Value { get; set; }

    public DateTime Time { get; set; }
}
