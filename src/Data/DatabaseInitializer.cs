using Microsoft.EntityFrameworkCore;

namespace Forgetless.Data;

/// <summary>Brings a database file (new or old) up to the latest migration.</summary>
public static class DatabaseInitializer
{
    public static async Task MigrateAsync(IDbContextFactory<AppDbContext> factory, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
