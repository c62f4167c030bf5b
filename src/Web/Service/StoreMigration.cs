using Forgetless.Data;
using Forgetless.Web.Service.Storage;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service;

/// <summary>
/// A worker's start: says which store and data directory it uses and brings the store to the latest migration (EF Core
/// takes a lock, so workers and the web app starting together migrate once). Seeding is the web app's job.
/// </summary>
public sealed class StoreMigration(IDbContextFactory<AppDbContext> dbFactory, StoreConnection store, DataDirectory dataDirectory, ILogger<StoreMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        StoreLog.Describe(logger, store, dataDirectory);
        await DatabaseInitializer.MigrateAsync(dbFactory, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The start-up line every process writes.</summary>
public static class StoreLog
{
    public static void Describe(ILogger logger, StoreConnection store, DataDirectory dataDirectory) =>
        logger.LogInformation("Store: {Store}; data directory: {DataDir}", store.Describe(), dataDirectory.Root);
}
