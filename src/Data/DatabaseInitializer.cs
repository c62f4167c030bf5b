using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Forgetless.Data;

/// <summary>Brings a database file (new or old) up to the latest migration.</summary>
public static class DatabaseInitializer
{
    public static async Task MigrateAsync(IDbContextFactory<AppDbContext> factory, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // On a new PostgreSQL database EF reads the history table before creating it and logs that failure as an error
        // (npgsql/efcore.pg#3407); creating it first keeps a first start's log free of false errors.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
