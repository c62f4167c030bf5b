using Npgsql;
using NpgsqlTypes;

namespace Forgetless.Data.Metrics;

/// <summary>
/// Inserts a batch into PostgreSQL in one transaction: the rows travel by binary COPY into a session-temporary staging
/// table (the fastest way in; parameter arrays for unnest measured slower), then one statement moves them into
/// MetricPoints. The fence is a join on the run locked FOR SHARE (a concurrent claim waits, or the rows of the attempt it
/// replaced are dropped), and the same statement sends one NOTIFY per run with the id range it stored, delivered on
/// commit. The live relay of a web process reads exactly those rows back.
/// </summary>
internal static class PostgresMetricInsert
{
    public const string Channel = "forgetless_metrics"; // Web's StoreNotices.MetricsChannel

    // ON COMMIT DELETE ROWS: the staging table is empty again once the batch is committed (or rolled back).
    private const string Staging = """
        CREATE TEMP TABLE IF NOT EXISTS metric_batch (run integer, step bigint, name text, value double precision, time timestamptz, attempt integer)
            ON COMMIT DELETE ROWS
        """;

    private const string Move = """
        WITH batch AS (
            SELECT u.run, u.step, u.name, u.value, u.time
            FROM metric_batch u
            JOIN "Runs" r ON r."Id" = u.run
            WHERE u.attempt IS NULL OR (r."Status" = 'Running' AND r."Attempt" = u.attempt)
            FOR SHARE OF r),
        stored AS (
            INSERT INTO "MetricPoints" ("RunId", "Step", "Name", "Value", "Time")
            SELECT run, step, name, value, time FROM batch
            RETURNING "RunId", "Id")
        SELECT pg_notify(@channel, @origin || ':' || "RunId" || ':' || min("Id") || ':' || max("Id")), count(*)
        FROM stored GROUP BY "RunId"
        """;

    public static int Insert(NpgsqlConnection connection, IReadOnlyList<MetricRow> rows)
    {
        using var transaction = connection.BeginTransaction();
        using (var staging = new NpgsqlCommand(Staging, connection, transaction)) staging.ExecuteNonQuery();
        using (var copy = connection.BeginBinaryImport("COPY metric_batch (run, step, name, value, time, attempt) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                copy.StartRow();
                copy.Write(row.RunId, NpgsqlDbType.Integer);
                copy.Write(row.Step, NpgsqlDbType.Bigint);
                copy.Write(row.Name, NpgsqlDbType.Text);
                if (double.IsNaN(row.Value)) copy.WriteNull();
                else copy.Write(row.Value, NpgsqlDbType.Double);
                copy.Write(DateTime.SpecifyKind(row.Time, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                if (row.Attempt is { } attempt) copy.Write(attempt, NpgsqlDbType.Integer);
                else copy.WriteNull();
            }

            copy.Complete();
        }

        using var command = new NpgsqlCommand(Move, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string>("channel", Channel));
        command.Parameters.Add(new NpgsqlParameter<string>("origin", StoreConnection.ProcessOrigin));
        var stored = 0;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) stored += (int)reader.GetInt64(1);
        }

        transaction.Commit();
        return stored;
    }
}
