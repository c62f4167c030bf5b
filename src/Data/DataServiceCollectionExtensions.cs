using Forgetless.Data.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The PostgreSQL migrations live in their own assembly (src/Data.Postgres); SQLite's in this one.</summary>
    public const string PostgresMigrationsAssembly = "Forgetless.Data.Postgres";

    /// <summary>
    /// The store: a context factory on SQLite (WAL, busy timeout) or PostgreSQL, chosen by the connection string
    /// (see <see cref="StoreConnection.Detect"/>), the raw connection and the metric writer.
    /// </summary>
    public static IServiceCollection AddData(this IServiceCollection services, string connectionString)
    {
        var store = new StoreConnection(connectionString);
        services.AddSingleton(store);
        services.AddDbContextFactory<AppDbContext>(options => Configure(options, store));
        services.AddSingleton<MetricWriter>();
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        Configure(options, new StoreConnection(connectionString));

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, StoreConnection store) => store.IsPostgres
        ? options.UseNpgsql(store.ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly))
        : options.UseSqlite(store.ConnectionString).AddInterceptors(new SqlitePragmas());
}
