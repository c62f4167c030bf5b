using Microsoft.Data.Sqlite;

namespace Forgetless.Data;

/// <summary>The store's connection string, for the few paths (metric writer, queue) that use ADO.NET directly.</summary>
public sealed record StoreConnection(string ConnectionString)
{
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        SqlitePragmas.Apply(connection);
        return connection;
    }

    /// <summary>The connection string for a database file.</summary>
    public static string ForFile(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
}
