using Forgetless.Data;
using Forgetless.Web.Auth;
using Forgetless.Web.Service.Models;
using Forgetless.Web.Service.Storage;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service;

/// <summary>
/// Runs before the training service and before Kestrel accepts requests: migrates the database, empties the
/// upload scratch folder, adds the built-in model presets, creates the first-run admin and (on a fresh data directory) the
/// demo datasets. Nothing from outside the data directory (such as ../shared) is ever seeded.
/// </summary>
public sealed class StoreInitializer(
    IDbContextFactory<AppDbContext> dbFactory, StoreConnection store, DataDirectory dataDirectory, UserAccounts users, DemoData demo, ModelLibrary models,
    ILogger<StoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        StoreLog.Describe(logger, store, dataDirectory);
        await DatabaseInitializer.MigrateAsync(dbFactory, cancellationToken);
        foreach (var leftover in Directory.EnumerateFiles(dataDirectory.UploadsFolder))
        {
            File.Delete(leftover);
        }

        foreach (var leftover in Directory.EnumerateDirectories(dataDirectory.UploadsFolder))
        {
            Directory.Delete(leftover, recursive: true); // a model upload cut short
        }

        await users.EnsureAdminAsync(dataDirectory.AdminPasswordPath, cancellationToken);
        await models.EnsurePresetsAsync(cancellationToken);
        await demo.EnsureAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
