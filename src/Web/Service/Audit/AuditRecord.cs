namespace Forgetless.Web.Service.Audit;

/// <summary>One audit entry as pages and the API show it.</summary>
public sealed record AuditRecord(DateTime Time, string Actor, string Action, string TargetKind, int TargetId, int? ExperimentId, string Detail);
