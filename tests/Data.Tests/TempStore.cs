using Forgetless.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Data.Tests;

/// <summary>
/// A real store, migrated: a SQLite file in a fresh temp folder, or a fresh database on the test run's shared
/// <see cref="PostgresServer"/>. Deleted (dropped) on dispose.
/// </summary>
public sealed class TempStore : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private TempStore(string folder, string connectionString)
    {
        ConnectionString = connectionString;
        Folder = folder;
        DatabasePath = Path.Combine(folder, "forgetless.db");
        services = new ServiceCollection().AddLogging().AddData(connectionString).BuildServiceProvider();
    }

    public string Folder { get; }

    public string ConnectionString { get; }

    public string DatabasePath { get; }

    public IDbContextFactory<AppDbContext> Factory => services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public StoreConnection Connection => services.GetRequiredService<StoreConnection>();

    public static Task<TempStore> CreateAsync() => CreateAsync(StoreProvider.Sqlite);

    /// <summary>A store on <paramref name="provider"/>; PostgreSQL skips the test with the reason when no server can run here.</summary>
    public static async Task<TempStore> CreateAsync(StoreProvider provider)
    {
        var folder = Path.Combine(Path.GetTempPath(), "forgetless-data-tests", Guid.NewGuid().ToString("n"));
        var connectionString = provider == StoreProvider.Postgres
            ? SharedPostgres.CreateDatabase()
            : StoreConnection.ForFile(Path.Combine(folder, "forgetless.db"));
        Directory.CreateDirectory(folder);

        var store = new TempStore(folder, connectionString);
        await DatabaseInitializer.MigrateAsync(store.Factory);
        return store;
    }

    public AppDbContext Open() => Factory.CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        if (StoreConnection.Detect(ConnectionString) == StoreProvider.Postgres) SharedPostgres.DropDatabase(ConnectionString);
        else Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
