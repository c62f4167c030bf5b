using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Forgetless.Data.Metrics;

/// <summary>One stored point as a curve reads it; <see cref="Value"/> is null where the engine reported NaN.</summary>
public readonly record struct MetricCurveRow(int RunId, string Name, long Step, double? Value);

/// <summary>
/// Runs' points in (run, name, step) order, from the covering index <c>IX_MetricPoints_RunId_Name_Step_Value</c> alone, read with a plain data reader:
/// EF's per-row materialisation was most of the metrics endpoint's CPU. The SQL is the same on SQLite and PostgreSQL.
/// </summary>
public static class MetricCurveRows
{
    /// <param name="connection">An open store connection.</param>
    /// <param name="names">Only these metrics; all when null or empty.</param>
    public static async IAsyncEnumerable<MetricCurveRow> ReadAsync(DbConnection connection, IReadOnlyCollection<int> runIds,
        IReadOnlyCollection<string>? names, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (runIds.Count == 0) yield break;
        await using var command = connection.CreateCommand();
        // Run ids are integers, written inline; names are parameters.
        var sql = $"""SELECT "RunId", "Name", "Step", "Value" FROM "MetricPoints" WHERE "RunId" IN ({string.Join(',', runIds)})""";
        if (names is { Count: > 0 })
        {
            var holes = names.Select((name, i) =>
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@name{i}";
                parameter.Value = name;
                command.Parameters.Add(parameter);
                return parameter.ParameterName;
            }).ToList();
            sql += $""" AND "Name" IN ({string.Join(',', holes)})""";
        }

        command.CommandText = sql + """ ORDER BY "RunId", "Name", "Step" """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new(reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetDouble(3));
        }
    }
}
