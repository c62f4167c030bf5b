using Forgetless.Training.Running;

namespace Forgetless.Web.Api;

/// <summary>/api/diagnostics/memory: live tensors, managed heap and resident set of the server, for soak runs and operators.</summary>
public static class DiagnosticsApi
{
    public static RouteGroupBuilder MapDiagnosticsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/diagnostics/memory", (bool? settle) => Results.Ok(settle == true ? EngineMemory.Settled() : EngineMemory.Now()))
            .WithTags("Diagnostics").RequireAuthorization()
            .WithSummary("settle=true first runs the finalizers of unreferenced tensors (a full GC: not for every request).");
        return api;
    }
}
