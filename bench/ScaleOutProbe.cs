using Npgsql;

namespace Forgetless.Bench;

/// <summary>
/// The scale-out benchmark's view of its store: waits for a condition, and gives up at once, with the runs' states and
/// every process's output, when the condition can no longer come true (a run Interrupted or Failed, a worker that died
/// without being killed) or the deadline has passed.
/// </summary>
internal sealed class ScaleOutProbe(string store, ServedApp web, IReadOnlyList<WorkerProcess> workers, DateTime deadline)
{
    private const string EndedEarly = """
        SELECT string_agg("Id" || ' ' || "Status" || ': ' || coalesce("Error", ''), '; ') FROM "Runs" WHERE "Status" IN ('Interrupted', 'Failed')
        """;

    public async Task UntilAsync(string what, string condition)
    {
        while (!Equals(await ScalarAsync(condition), true))
        {
            var why = await ScalarAsync(EndedEarly) is string ended ? $"runs ended early: {ended}"
                : workers.FirstOrDefault(w => w.DiedByItself) is { } dead ? $"worker {dead.Name} exited"
                : DateTime.UtcNow > deadline ? "timed out" : null;
            if (why is not null) throw new InvalidOperationException($"scale-out-postgres, waiting for {what}: {why}\n{await DiagnosisAsync()}");
            await Task.Delay(100);
        }
    }

    public async Task<object[]> RowAsync(string sql) => (await RowsAsync(sql)).FirstOrDefault() ?? throw new InvalidOperationException($"no row: {sql}");

    public async Task<List<object[]>> RowsAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(store);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<string> DiagnosisAsync()
    {
        var runs = await ScalarAsync("""
            SELECT string_agg(r."Id" || ':' || r."Status" || ':' || coalesce(r."ClaimedBy", '-') || ':' || r."Attempt" || ':'
                || (SELECT count(*) FROM "MetricPoints" m WHERE m."RunId" = r."Id"), ' ' ORDER BY r."Id")
            FROM "Runs" r
            """);
        var stretches = await ScalarAsync("""
            SELECT string_agg(s."RunId" || '#' || s."Attempt" || ' ' || s."Worker" || ' from step ' || s."FromStep" || ' ' || s."StartedAt"
                || ' .. ' || coalesce(s."EndedAt"::text, 'now') || ' ' || coalesce(s."Outcome", ''), E'\n' ORDER BY s."Id")
            FROM "RunStretches" s
            """);
        var outputs = workers.Select(w => $"--- {w.Name}:\n{Tail(w.Output)}").Prepend($"--- web:\n{Tail(web.Output)}");
        return $"runs (id:status:worker:attempt:points): {runs}\nstretches:\n{stretches}\n{string.Join("\n", outputs)}";
    }

    private static string Tail(string output) => output.Length <= 3000 ? output : output[^3000..];
}
