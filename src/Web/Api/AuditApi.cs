using Forgetless.Web.Service.Audit;

namespace Forgetless.Web.Api;

/// <summary>GET /api/audit: who changed what and when, newest first, filtered by actor, kind, id, experiment or time.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", (string? actor, string? kind, int? id, int? experimentId, DateTime? since, int? max, AuditLog audit, CancellationToken ct) =>
                audit.QueryAsync(actor, kind, id, experimentId, since, max ?? AuditLog.MaxEntries, ct))
            .WithTags("Audit").WithSummary("kind: experiment, run, dataset, model, user or token; experimentId also matches the experiment's runs; at most 500 entries.");
        return api;
    }
}
