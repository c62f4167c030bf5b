using Forgetless.Data;
using Forgetless.Web.Service.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forgetless.Web.Service;

/// <summary>Healthy when the database answers.</summary>
public sealed class StoreHealthCheck(IDbContextFactory<AppDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("database reachable")
            : HealthCheckResult.Unhealthy("database unreachable");
    }
}

/// <summary>Healthy while the training service's loop runs.</summary>
public sealed class TrainingHealthCheck(TrainingWorker worker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(worker.IsRunning ? HealthCheckResult.Healthy("training service running") : HealthCheckResult.Unhealthy("training service not running"));
}
