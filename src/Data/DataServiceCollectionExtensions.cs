using Forgetless.Data.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The store: a context factory on SQLite (WAL, busy timeout), the raw connection and the metric writer.</summary>
    public static IServiceCollection AddData(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(new StoreConnection(connectionString));
        services.AddDbContextFactory<AppDbContext>(options => Configure(options, connectionString));
        services.AddSingleton<MetricWriter>();
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas());
}
