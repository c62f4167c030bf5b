using Forgetless.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Data.Tests;

public sealed class AppDbContextTests
{
    [SkippableTheory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task A_dataset_experiment_and_run_read_back_as_written(StoreProvider provider)
    {
        await using var store = await TempStore.CreateAsync(provider);
        int runId;
        await using (var db = store.Open())
        {
            var experiment = Samples.Experiment();
            experiment.SftDataset = Samples.Dataset();
            experiment.Runs.Add(Samples.Run(RunStatus.Running));
            db.Experiments.Add(experiment);
            await db.SaveChangesAsync();
            runId = experiment.Runs[0].Id;
        }

        await using var read = store.Open();
        var run = await read.Runs.Include(r => r.Experiment).ThenInclude(e => e!.SftDataset).SingleAsync(r => r.Id == runId);
        Assert.Equal(RunStatus.Running, run.Status);
        Assert.Equal(0.5, run.Lambda);
        Assert.Equal("{\"lambda\":0.5}", run.SpecJson);
        Assert.Equal("paper,demo", run.Experiment!.Tags);
        Assert.Equal("alpaca", run.Experiment.SftDataset!.Format);
        Assert.Equal(12_345, run.Experiment.SftDataset.TotalTokens);
        Assert.Equal(new DateTime(2025, 1, 2, 3, 4, 5), run.Experiment.SftDataset.UploadedAt);
    }

    [SkippableTheory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task Status_is_stored_as_its_name(StoreProvider provider)
    {
        await using var store = await TempStore.CreateAsync(provider);
        await using (var db = store.Open())
        {
            var experiment = Samples.Experiment();
            experiment.Runs.Add(Samples.Run(RunStatus.Interrupted));
            db.Experiments.Add(experiment);
            await db.SaveChangesAsync();
        }

        using var connection = store.Connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = provider == StoreProvider.Postgres ? "SELECT \"Status\" FROM \"Runs\"" : "SELECT Status FROM Runs";
        Assert.Equal("Interrupted", command.ExecuteScalar());
    }

    [Fact]
    public async Task The_database_is_in_WAL_mode()
    {
        await using var store = await TempStore.CreateAsync();

        // A connection without our pragmas still sees WAL: the mode is persistent in the file.
        using var plain = new SqliteConnection($"Data Source={store.DatabasePath}");
        plain.Open();
        using var command = plain.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task Connections_wait_for_a_busy_writer()
    {
        await using var store = await TempStore.CreateAsync();
        using var connection = store.Connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";
        Assert.Equal(10_000L, command.ExecuteScalar());
    }

    [Fact]
    public async Task Metric_points_have_an_index_on_run_name_step_and_value()
    {
        await using var store = await TempStore.CreateAsync();
        using var connection = store.Connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_index_info('IX_MetricPoints_RunId_Name_Step_Value') ORDER BY seqno";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read()) columns.Add(reader.GetString(0));
        Assert.Equal(["RunId", "Name", "Step", "Value"], columns);
    }

    [SkippableFact]
    public async Task Metric_points_have_the_same_index_on_PostgreSQL()
    {
        await using var store = await TempStore.CreateAsync(StoreProvider.Postgres);
        using var connection = store.Connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT indexdef FROM pg_indexes WHERE indexname = 'IX_MetricPoints_RunId_Name_Step_Value'";
        Assert.EndsWith("(\"RunId\", \"Name\", \"Step\", \"Value\")", (string?)command.ExecuteScalar());
    }

    [Fact]
    public async Task A_curve_query_reads_the_index_alone()
    {
        await using var store = await TempStore.CreateAsync();
        using var connection = store.Connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN SELECT Step, Value FROM MetricPoints WHERE RunId = 1 AND Name = 'loss' ORDER BY Step";
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.Contains("USING COVERING INDEX IX_MetricPoints_RunId_Name_Step_Value", reader.GetString(3));
    }

    [SkippableTheory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task Deleting_a_run_deletes_its_metric_points(StoreProvider provider)
    {
        await using var store = await TempStore.CreateAsync(provider);
        await using var db = store.Open();
        var experiment = Samples.Experiment();
        experiment.Runs.Add(Samples.Run());
        experiment.Runs.Add(Samples.Run());
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync();
        var (doomed, kept) = (experiment.Runs[0].Id, experiment.Runs[1].Id);
        db.MetricPoints.AddRange(
            new MetricPoint { RunId = doomed, Step = 1, Name = "loss", Value = 2.0 },
            new MetricPoint { RunId = doomed, Step = 2, Name = "loss", Value = 1.5 },
            new MetricPoint { RunId = kept, Step = 1, Name = "loss", Value = 3.0 });
        await db.SaveChangesAsync();

        await db.Runs.Where(r => r.Id == doomed).ExecuteDeleteAsync();

        Assert.Equal([kept], await db.MetricPoints.Select(m => m.RunId).ToListAsync());
    }

    [SkippableTheory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task Two_datasets_cannot_share_a_content_hash(StoreProvider provider)
    {
        await using var store = await TempStore.CreateAsync(provider);
        await using var db = store.Open();
        db.Datasets.Add(Samples.Dataset("same"));
        await db.SaveChangesAsync();
        db.Datasets.Add(Samples.Dataset("same"));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [SkippableTheory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task User_names_are_unique(StoreProvider provider)
    {
        await using var store = await TempStore.CreateAsync(provider);
        await using var db = store.Open();
        db.Users.Add(new User { Name = "ada", PasswordHash = "x" });
        await db.SaveChangesAsync();
        db.Users.Add(new User { Name = "ada", PasswordHash = "y" });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
