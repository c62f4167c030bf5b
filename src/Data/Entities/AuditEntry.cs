namespace Forgetless.Data.Entities;

/// <summary>Who did what to which thing, and when: one row per create, cancel, resume, delete, tag or edit.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime Time { get; set; }

    public required string Actor { get; set; }

    /// <summary>e.g. "created", "cancelled", "resumed", "deleted", "tagged", "edited", "role-changed".</summary>
    public required string Action { get; set; }

    /// <summary>"experiment", "run", "dataset", "model", "user" or "token".</summary>
    public required string TargetKind { get; set; }

    public int TargetId { get; set; }

    /// <summary>The experiment a run belongs to, so the experiment page lists its runs' entries too.</summary>
    public int? ExperimentId { get; set; }

    public string Detail { get; set; } = "";
}
