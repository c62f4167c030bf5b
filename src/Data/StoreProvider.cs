namespace Forgetless.Data;

/// <summary>The database engine behind the store.</summary>
public enum StoreProvider
{
    /// <summary>A SQLite file in the data directory: one machine, the embedded default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by the web app and worker processes on several machines.</summary>
    Postgres,
}
