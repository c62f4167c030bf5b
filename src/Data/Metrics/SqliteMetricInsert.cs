using Microsoft.Data.Sqlite;

namespace Forgetless.Data.Metrics;

/// <summary>
/// Inserts a batch into SQLite with one prepared command in one transaction. SQLite has one writer at a time, so
/// reading the runs' attempts at the start of the (immediate) transaction and inserting after is atomic.
/// </summary>
internal static class SqliteMetricInsert
{
    public static int Insert(SqliteConnection connection, IReadOnlyList<MetricRow> rows)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var accepted = MetricFence.Accepted(rows, ReadAttempts(connection, rows));
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO MetricPoints (RunId, Step, Name, Value, Time) VALUES ($run, $step, $name, $value, $time)";
        var run = command.Parameters.Add("$run", SqliteType.Integer);
        var step = command.Parameters.Add("$step", SqliteType.Integer);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var value = command.Parameters.Add("$value", SqliteType.Real);
        var time = command.Parameters.Add("$time", SqliteType.Text);
        command.Prepare();
        foreach (var row in accepted)
        {
            run.Value = row.RunId;
            step.Value = row.Step;
            name.Value = row.Name;
            value.Value = double.IsNaN(row.Value) ? DBNull.Value : row.Value;
            time.Value = row.Time;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return accepted.Count;
    }

    private static Dictionary<int, int> ReadAttempts(SqliteConnection connection, IReadOnlyList<MetricRow> rows)
    {
        var fenced = rows.Where(r => r.Attempt is not null).Select(r => r.RunId).Distinct().ToList();
        var attempts = new Dictionary<int, int>();
        if (fenced.Count == 0) return attempts;
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Id, Attempt FROM Runs WHERE Status = 'Running' AND Id IN ({string.Join(',', fenced)})";
        using var reader = command.ExecuteReader();
        while (reader.Read()) attempts[reader.GetInt32(0)] = reader.GetInt32(1);
        return attempts;
    }
}
