using Forgetless.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Data.Tests;

/// <summary>
/// A real store, migrated: a SQLite file in a fresh temp folder, or (given a <see cref="PostgresServer"/>) a fresh
/// database on that server. Deleted on dispose.
/// </summary>
public sealed class TempStore : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private TempStore(string folder, string connectionString)
    {
        Folder = folder;
        DatabasePath = Path.Combine(folder, "forgetless.db");
        services = new ServiceCollection().AddLogging().AddData(connectionString).BuildServiceProvider();
    }

    public string Folder { get; }

    public string DatabasePath { get; }

    public IDbContextFactory<AppDbContext> Factory => services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public StoreConnection Connection => services.GetRequiredService<StoreConnection>();

    public static Task<TempStore> CreateAsync() => CreateAsync(StoreProvider.Sqlite, null);

    /// <summary>A store on <paramref name="provider"/>; PostgreSQL needs the class's server (skips when it is unavailable).</summary>
    public static async Task<TempStore> CreateAsync(StoreProvider provider, PostgresServer? server)
    {
        var folder = Path.Combine(Path.GetTempPath(), "forgetless-data-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        string connectionString;
        if (provider == StoreProvider.Postgres)
        {
            Skip.If(server?.Unavailable is not null, server?.Unavailable);
            connectionString = server!.CreateDatabase();
        }
        else
        {
            connectionString = StoreConnection.ForFile(Path.Combine(folder, "forgetless.db"));
        }

        var store = new TempStore(folder, connectionString);
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
