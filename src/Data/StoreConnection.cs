using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Forgetless.Data;

/// <summary>
/// The store's connection string, for the few paths (metric writer, queue, live relay) that use ADO.NET directly.
/// A string with a <c>Host=</c> key is PostgreSQL (Npgsql syntax); anything else is a SQLite connection string.
/// </summary>
public sealed record StoreConnection(string ConnectionString)
{
    /// <summary>Tells this process's own database notices from other processes' (the live relay skips its own).</summary>
    public static string ProcessOrigin { get; } = Guid.NewGuid().ToString("n")[..12];

    public StoreProvider Provider { get; } = Detect(ConnectionString);

    public bool IsPostgres => Provider == StoreProvider.Postgres;

    public DbConnection Open()
    {
        if (IsPostgres)
        {
            var postgres = new NpgsqlConnection(ConnectionString);
            postgres.Open();
            return postgres;
        }

        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        SqlitePragmas.Apply(connection);
        return connection;
    }

    /// <summary>What to log: the engine and where it is, never the password.</summary>
    public string Describe()
    {
        if (!IsPostgres) return $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database} as {builder.Username}";
    }

    /// <summary>The connection string for a database file.</summary>
    public static string ForFile(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();

    public static StoreProvider Detect(string connectionString) =>
        connectionString.Split(';').Any(part => part.Trim().StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
            || part.Trim().StartsWith("Server=", StringComparison.OrdinalIgnoreCase) && !part.Contains(".db", StringComparison.Ordinal))
            ? StoreProvider.Postgres
            : StoreProvider.Sqlite;
}
