using Forgetless.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Data.Tests;

/// <summary>A real SQLite file in a fresh temp folder, migrated; deleted on dispose.</summary>
public sealed class TempStore : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private TempStore(string folder)
    {
        Folder = folder;
        DatabasePath = Path.Combine(folder, "forgetless.db");
        services = new ServiceCollection().AddLogging().AddData(StoreConnection.ForFile(DatabasePath)).BuildServiceProvider();
    }

    public string Folder { get; }

    public string DatabasePath { get; }

    public IDbContextFactory<AppDbContext> Factory => services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public StoreConnection Connection => services.GetRequiredService<StoreConnection>();

    public static async Task<TempStore> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "forgetless-data-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var store = new TempStore(folder);
        await DatabaseInitializer.MigrateAsync(store.Factory);
        return store;
    }

    public AppDbContext Open() => Factory.CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
