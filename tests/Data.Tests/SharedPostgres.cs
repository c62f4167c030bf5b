namespace Forgetless.Data.Tests;

/// <summary>Fresh databases on the test run's one <see cref="PostgresServer"/>, for tests that run on both stores.</summary>
public static class SharedPostgres
{
    /// <summary>A fresh database's connection string; skips the calling test with the reason when no server can run here.</summary>
    public static string CreateDatabase()
    {
        Skip.If(PostgresServer.Shared.Unavailable is not null, PostgresServer.Shared.Unavailable);
        return PostgresServer.Shared.CreateDatabase();
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>.</summary>
    public static void DropDatabase(string connectionString) => PostgresServer.Shared.DropDatabase(connectionString);
}
