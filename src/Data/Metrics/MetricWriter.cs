using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Forgetless.Data.Metrics;

/// <summary>
/// Stores metric points in the background so training threads never wait on SQLite: <see cref="Enqueue"/>
/// only adds to an unbounded channel; one loop drains it and inserts everything waiting in one
/// transaction with a prepared command. <see cref="FlushAsync"/> waits until all earlier points are committed.
/// </summary>
public sealed class MetricWriter : IAsyncDisposable
{
    private const int MaxRowsPerTransaction = 20_000;
    private readonly Channel<Item> channel = Channel.CreateUnbounded<Item>(new() { SingleReader = true });
    private readonly StoreConnection store;
    private readonly ILogger logger;
    private readonly Task loop;
    private long written;

    public MetricWriter(StoreConnection store, ILogger<MetricWriter>? logger = null)
    {
        this.store = store;
        this.logger = logger ?? NullLogger<MetricWriter>.Instance;
        loop = Task.Run(DrainAsync);
    }

    /// <summary>Points committed so far.</summary>
    public long Written => Interlocked.Read(ref written);

    public void Enqueue(IReadOnlyList<MetricRow> rows)
    {
        if (rows.Count > 0 && !channel.Writer.TryWrite(new Item(rows, null)))
        {
            throw new ObjectDisposedException(nameof(MetricWriter));
        }
    }

    /// <summary>Completes once every point enqueued before this call is in the database.</summary>
    public Task FlushAsync()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!channel.Writer.TryWrite(new Item(null, flushed)))
        {
            flushed.SetResult();
        }

        return flushed.Task;
    }

    public async ValueTask DisposeAsync()
    {
        channel.Writer.TryComplete();
        await loop;
    }

    private async Task DrainAsync()
    {
        var rows = new List<MetricRow>();
        var flushes = new List<TaskCompletionSource>();
        while (await channel.Reader.WaitToReadAsync())
        {
            while (rows.Count < MaxRowsPerTransaction && channel.Reader.TryRead(out var item))
            {
                if (item.Rows is not null) rows.AddRange(item.Rows);
                if (item.Flushed is not null) flushes.Add(item.Flushed);
            }

            await InsertWithRetryAsync(rows);
            Interlocked.Add(ref written, rows.Count);
            rows.Clear();
            flushes.ForEach(f => f.TrySetResult());
            flushes.Clear();
        }
    }

    private async Task InsertWithRetryAsync(List<MetricRow> rows)
    {
        for (var attempt = 1; rows.Count > 0; attempt++)
        {
            try
            {
                Insert(rows);
                return;
            }
            catch (SqliteException ex) when (attempt < 5)
            {
                logger.LogWarning(ex, "Storing {Count} metric points failed (attempt {Attempt}); retrying", rows.Count, attempt);
                await Task.Delay(200 * attempt);
            }
            catch (SqliteException ex)
            {
                // A run deleted while its points were queued fails the foreign key: drop the batch, keep the loop alive.
                logger.LogError(ex, "Dropping {Count} metric points that could not be stored", rows.Count);
                return;
            }
        }
    }

    private void Insert(List<MetricRow> rows)
    {
        using var connection = store.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO MetricPoints (RunId, Step, Name, Value, Time) VALUES ($run, $step, $name, $value, $time)";
        var run = command.Parameters.Add("$run", SqliteType.Integer);
        var step = command.Parameters.Add("$step", SqliteType.Integer);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var value = command.Parameters.Add("$value", SqliteType.Real);
        var time = command.Parameters.Add("$time", SqliteType.Text);
        command.Prepare();
        foreach (var row in rows)
        {
            run.Value = row.RunId;
            step.Value = row.Step;
            name.Value = row.Name;
            value.Value = double.IsNaN(row.Value) ? DBNull.Value : row.Value;
            time.Value = row.Time;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private readonly record struct Item(IReadOnlyList<MetricRow>? Rows, TaskCompletionSource? Flushed);
}
