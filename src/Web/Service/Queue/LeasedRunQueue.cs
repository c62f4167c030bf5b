using System.Data.Common;
using Forgetless.Data;
using Forgetless.Web.Service.Training;
using Microsoft.Extensions.Options;

namespace Forgetless.Web.Service.Queue;

/// <summary>
/// <see cref="IRunQueue"/> over the Runs table. A claim is a single UPDATE … RETURNING whose inner SELECT picks the
/// runnable run: on PostgreSQL it locks it <c>FOR UPDATE SKIP LOCKED</c>, so concurrent workers never wait on or take
/// the same run; SQLite has a single writer, so the statement is atomic as it is.
/// </summary>
public sealed class LeasedRunQueue(StoreConnection store, IOptions<TrainingOptions> options) : IRunQueue
{
    private readonly SemaphoreSlim signal = new(0);
    private readonly RunQueueSql sql = store.IsPostgres ? RunQueueSql.Postgres : RunQueueSql.Sqlite;

    public async Task<RunClaim?> ClaimNextAsync(string workerId, CancellationToken cancellationToken)
    {
        await using var connection = store.Open();
        await using var command = Command(connection, sql.Claim, ("worker", workerId), ("now", DateTime.UtcNow), ("until", LeaseEnd()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new RunClaim(Convert.ToInt32(reader.GetValue(0)), Convert.ToInt32(reader.GetValue(1))) : null;
    }

    public async Task<IReadOnlyList<int>> RunnableAsync(CancellationToken cancellationToken)
    {
        await using var connection = store.Open();
        await using var command = Command(connection, sql.Runnable);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<int>();
        while (await reader.ReadAsync(cancellationToken)) ids.Add(Convert.ToInt32(reader.GetValue(0)));
        return ids;
    }

    public async Task<bool> RenewAsync(RunClaim claim, CancellationToken cancellationToken)
    {
        await using var connection = store.Open();
        await using var command = Command(connection, sql.Renew, ("id", claim.RunId), ("attempt", claim.Attempt), ("until", LeaseEnd()));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public void Signal()
    {
        // At most one pending wake-up: many Signal calls while workers are busy collapse into one.
        if (signal.CurrentCount == 0) signal.Release();
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await signal.WaitAsync(timeout, cancellationToken);

    private DateTime LeaseEnd() => DateTime.UtcNow + options.Value.LeaseDuration;

    private DbCommand Command(DbConnection connection, string text, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = sql.Prefix + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
