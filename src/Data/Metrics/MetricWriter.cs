using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Forgetless.Data.Metrics;

/// <summary>
/// Stores metric points in the background so training threads never wait on the database: <see cref="Enqueue"/>
/// only adds to an unbounded channel; one loop drains it and inserts everything waiting in one
/// transaction (SQLite: a prepared command; PostgreSQL: one array statement). Fenced rows of a stale attempt are dropped. <see cref="FlushAsync"/> waits until all earlier points are committed.
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

            Interlocked.Add(ref written, await InsertWithRetryAsync(rows));
            rows.Clear();
            flushes.ForEach(f => f.TrySetResult());
            flushes.Clear();
        }
    }

    private async Task<int> InsertWithRetryAsync(List<MetricRow> rows)
    {
        for (var attempt = 1; rows.Count > 0; attempt++)
        {
            try
            {
                return Insert(rows);
            }
            catch (System.Data.Common.DbException ex) when (attempt < 5 && !IsForeignKeyViolation(ex))
            {
                logger.LogWarning(ex, "Storing {Count} metric points failed (attempt {Attempt}); retrying", rows.Count, attempt);
                await Task.Delay(200 * attempt);
            }
            catch (System.Data.Common.DbException ex)
            {
                // A run deleted while its points were queued fails the foreign key: drop the batch, keep the loop alive.
                logger.LogError(ex, "Dropping {Count} metric points that could not be stored", rows.Count);
                return 0;
            }
        }

        return 0;
    }

    private int Insert(List<MetricRow> rows)
    {
        using var connection = store.Open();
        var stored = connection switch
        {
            Npgsql.NpgsqlConnection postgres => PostgresMetricInsert.Insert(postgres, rows),
            SqliteConnection sqlite => SqliteMetricInsert.Insert(sqlite, rows),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };
        if (stored < rows.Count)
        {
            logger.LogWarning("Refused {Count} metric points of runs no longer Running under the attempt that reported them", rows.Count - stored);
        }

        return stored;
    }

    private static bool IsForeignKeyViolation(System.Data.Common.DbException ex) =>
        ex is SqliteException { SqliteExtendedErrorCode: 787 } or Npgsql.PostgresException { SqlState: "23503" };

    private readonly record struct Item(IReadOnlyList<MetricRow>? Rows, TaskCompletionSource? Flushed);
}
