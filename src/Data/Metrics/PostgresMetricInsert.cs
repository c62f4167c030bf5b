using Npgsql;
using NpgsqlTypes;

namespace Forgetless.Data.Metrics;

/// <summary>
/// Inserts a batch into PostgreSQL in one statement: the rows travel as arrays (unnest), the fence is a join on the
/// run locked FOR SHARE (a concurrent claim waits, or the rows of the attempt it replaced are dropped), and the same
/// statement sends one NOTIFY per run with the id range it stored, delivered on commit. The live relay of a web
/// process reads exactly those rows back. Rows are inserted in the order they were reported (the join may reorder them),
/// so ids follow steps.
/// </summary>
internal static class PostgresMetricInsert
{
    public const string Channel = "forgetless_metrics"; // Web's StoreNotices.MetricsChannel

    private const string Sql = """
        WITH batch AS (
            SELECT u.run, u.step, u.name, u.value, u.time, u.ord
            FROM unnest(@runs, @steps, @names, @values, @times, @attempts) WITH ORDINALITY AS u(run, step, name, value, time, attempt, ord)
            JOIN "Runs" r ON r."Id" = u.run
            WHERE u.attempt IS NULL OR (r."Status" = 'Running' AND r."Attempt" = u.attempt)
            FOR SHARE OF r),
        stored AS (
            INSERT INTO "MetricPoints" ("RunId", "Step", "Name", "Value", "Time")
            SELECT run, step, name, value, time FROM batch ORDER BY ord
            RETURNING "RunId", "Id")
        SELECT pg_notify(@channel, @origin || ':' || "RunId" || ':' || min("Id") || ':' || max("Id")), count(*)
        FROM stored GROUP BY "RunId"
        """;

    public static int Insert(NpgsqlConnection connection, IReadOnlyList<MetricRow> rows)
    {
        using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<int[]>("runs", rows.Select(r => r.RunId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long[]>("steps", rows.Select(r => r.Step).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("names", rows.Select(r => r.Name).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<double?[]>("values", rows.Select(r => double.IsNaN(r.Value) ? null : (double?)r.Value).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("times", rows.Select(r => DateTime.SpecifyKind(r.Time, DateTimeKind.Utc)).ToArray())
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        });
        command.Parameters.Add(new NpgsqlParameter<int?[]>("attempts", rows.Select(r => r.Attempt).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string>("channel", Channel));
        command.Parameters.Add(new NpgsqlParameter<string>("origin", StoreConnection.ProcessOrigin));
        var stored = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read()) stored += (int)reader.GetInt64(1);
        return stored;
    }
}
