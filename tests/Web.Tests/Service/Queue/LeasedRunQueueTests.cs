using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Web.Service.Queue;
using Forgetless.Web.Service.Training;
using Forgetless.Web.Service.Workers;
using Forgetless.Web.Tests.Api.Workspace;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Web.Tests.Service.Queue;

/// <summary>
/// The leased run queue on each store, driven directly (the app's own worker does not claim): the claim statement's
/// dependency order, concurrent claimers, attempt fencing of renewals and the re-queueing of expired leases.
/// </summary>
public abstract class LeasedRunQueueTests(StoreProvider store) : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new(store: store);
    private HttpClient client = null!;

    private IRunQueue Queue => app.Services.GetRequiredService<IRunQueue>();

    public async Task InitializeAsync() => client = await app.SignedInClientAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [SkippableFact]
    public async Task Runs_are_claimed_in_dependency_order_the_sft_optimum_then_the_dpo_optimum_once_f_sft_is_known_then_the_schedule()
    {
        var (experimentId, scheduleRunId) = await Things.ExperimentAsync(client, "order");
        var (sftRunId, dpoRunId) = (scheduleRunId - 2, scheduleRunId - 1);

        Assert.Equal(new RunClaim(sftRunId, 1), await Queue.ClaimNextAsync("A", default));
        Assert.Null(await Queue.ClaimNextAsync("B", default)); // the DPO-only run waits for f*_SFT, the schedule for both

        await SetIdealAsync(experimentId, sft: 1.5);
        Assert.Equal(new RunClaim(dpoRunId, 1), await Queue.ClaimNextAsync("B", default));
        Assert.Null(await Queue.ClaimNextAsync("C", default));

        await SetIdealAsync(experimentId, dpo: 0.6);
        Assert.Equal(new RunClaim(scheduleRunId, 1), await Queue.ClaimNextAsync("C", default));
        Assert.Null(await Queue.ClaimNextAsync("D", default));
        var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{scheduleRunId}");
        Assert.Equal("Running", run.GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task Concurrent_claimers_never_take_the_same_run()
    {
        // Three seeds: three SFT-only runs are runnable at once, and six workers reach for them together.
        var sft = await Things.UploadAsync(client, Uploads.Alpaca, "race-sft");
        var preference = await Things.UploadAsync(client, Uploads.Preference, "race-pref");
        (await client.PostAsJsonAsync("/api/experiments", Things.Request("race", sft, preference, new { steps = 4, evalInterval = 2 }, seedCount: 3))).EnsureSuccessStatusCode();

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => Queue.ClaimNextAsync($"worker-{i}", default))));

        var taken = claims.OfType<RunClaim>().ToList();
        Assert.Equal(3, taken.Count);
        Assert.Equal(3, taken.Select(c => c.RunId).Distinct().Count());
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var running = await db.Runs.Where(r => r.Status == RunStatus.Running).OrderBy(r => r.Id).ToListAsync();
        Assert.All(running, r => Assert.Equal(RunRole.SftOptimum, r.Role));
        Assert.Equal(taken.Select(c => c.RunId).Order(), running.Select(r => r.Id));
        Assert.Equal(3, running.Select(r => r.ClaimedBy).Distinct().Count());
    }

    [SkippableFact]
    public async Task A_renewal_by_an_attempt_that_lost_the_run_is_refused_and_the_new_attempt_s_is_accepted()
    {
        var (_, scheduleRunId) = await Things.ExperimentAsync(client, "fence");
        var first = await Queue.ClaimNextAsync("A", default);
        Assert.True(await Queue.RenewAsync(first!, default));

        await UpdateRunAsync(scheduleRunId - 2, r => r.Status = RunStatus.Queued); // re-queued, as after an expired lease
        var second = await Queue.ClaimNextAsync("B", default);

        Assert.Equal(new RunClaim(first!.RunId, 2), second);
        Assert.False(await Queue.RenewAsync(first, default));
        Assert.True(await Queue.RenewAsync(second!, default));
    }

    [SkippableFact]
    public async Task A_run_whose_lease_expired_before_its_first_checkpoint_starts_over_twice_and_is_interrupted_on_the_third_loss()
    {
        var (_, scheduleRunId) = await Things.ExperimentAsync(client, "expired");
        JsonElement run = default;
        RunClaim? claim = null;
        foreach (var attempt in new[] { 1, 2, 3 })
        {
            claim = await Queue.ClaimNextAsync("worker-" + attempt, default);
            Assert.Equal(new RunClaim(scheduleRunId - 2, attempt), claim);

            await UpdateRunAsync(claim!.RunId, r => r.LeaseExpiresAt = DateTime.UtcNow.AddMinutes(-1)); // its worker stopped renewing

            // Every process's heartbeat re-queues expired runs: twice back to the queue (no checkpoint: from step 0),
            // the third time Interrupted, so a run that kills its worker every time does not loop for ever.
            var expected = attempt < RunLifecycle.StartsOverWithoutCheckpoint ? "Queued" : "Interrupted";
            await Eventually.TrueAsync(async () => (run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{claim.RunId}")).GetProperty("status").GetString() == expected,
                TimeSpan.FromMinutes(2), () => run.ToString());
            Assert.False(await Queue.RenewAsync(claim, default));
        }

        Assert.Equal(RunLifecycle.NoCheckpointReason, run.GetProperty("error").GetString());
        Assert.Null(await Queue.ClaimNextAsync("worker-4", default));
    }

    [SkippableFact]
    public async Task A_trashed_experiment_s_queued_runs_are_not_claimed_and_are_again_once_it_is_restored()
    {
        var (trashed, trashedSchedule) = await Things.ExperimentAsync(client, "trashed");
        var (other, otherSchedule) = await Things.ExperimentAsync(client, "other");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/experiments/{trashed}/trash", null)).StatusCode);

        Assert.Equal(otherSchedule - 2, (await Queue.ClaimNextAsync("A", default))?.RunId); // the older experiment's SFT-only run is skipped
        Assert.Null(await Queue.ClaimNextAsync("B", default));
        Assert.Equal("Queued", await Things.StatusAsync(client, trashedSchedule - 2));

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/experiments/{trashed}/restore", null)).StatusCode);

        Assert.Equal(new RunClaim(trashedSchedule - 2, 1), await Queue.ClaimNextAsync("B", default));
        Assert.True(other > trashed);
    }

    [SkippableFact]
    public async Task The_workers_page_numbers_the_runs_a_claim_can_take_in_its_order_and_says_what_the_others_wait_for()
    {
        var (first, firstSchedule) = await Things.ExperimentAsync(client, "first");
        var (_, secondSchedule) = await Things.ExperimentAsync(client, "second");
        Assert.Equal(new RunClaim(firstSchedule - 2, 1), await Queue.ClaimNextAsync("A", default));

        // The first experiment's DPO-only run has the lower id, but waits for f*_SFT: the second's SFT-only run is next.
        const string ForSft = "its seed's SFT-only run (f*_SFT)", ForBoth = "its seed's SFT-only and DPO-only runs (the ideal point)";
        Assert.Equal([secondSchedule - 2], await Queue.RunnableAsync(default));
        Assert.Equal(
            [(firstSchedule - 2, "Running", null, "A", null), (secondSchedule - 2, "Queued", 1, null, null), (firstSchedule - 1, "Queued", null, null, ForSft),
             (firstSchedule, "Queued", null, null, ForBoth), (secondSchedule - 1, "Queued", null, null, ForSft), (secondSchedule, "Queued", null, null, ForBoth)],
            await QueueRowsAsync());

        await SetIdealAsync(first, sft: 1.5);
        Assert.Equal([firstSchedule - 1, secondSchedule - 2], await Queue.RunnableAsync(default));
        Assert.Equal(new RunClaim(firstSchedule - 1, 1), await Queue.ClaimNextAsync("B", default)); // position 1 is what the next claim takes
        Assert.Equal((secondSchedule - 2, "Queued", 1, null, null), (await QueueRowsAsync())[2]);
    }

    private async Task<List<(int RunId, string Status, int? Position, string? Worker, string? WaitsFor)>> QueueRowsAsync() =>
        [.. (await app.Services.GetRequiredService<WorkerQueries>().ListQueueAsync()).Select(e => (e.RunId, e.Status.ToString(), e.Position, e.Worker, e.WaitsFor))];

    private async Task SetIdealAsync(int experimentId, double? sft = null, double? dpo = null)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var seed = await db.ExperimentSeeds.SingleAsync(s => s.ExperimentId == experimentId);
        seed.IdealSft = sft ?? seed.IdealSft;
        seed.IdealDpo = dpo ?? seed.IdealDpo;
        await db.SaveChangesAsync();
    }

    private async Task UpdateRunAsync(int runId, Action<Run> change)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        change(await db.Runs.SingleAsync(r => r.Id == runId));
        await db.SaveChangesAsync();
    }

    /// <summary>The tests above on the embedded SQLite store.</summary>
    public sealed class OnSqlite() : LeasedRunQueueTests(StoreProvider.Sqlite);

    /// <summary>The tests above on PostgreSQL (a fresh database on the test run's shared server).</summary>
    public sealed class OnPostgres() : LeasedRunQueueTests(StoreProvider.Postgres);
}
