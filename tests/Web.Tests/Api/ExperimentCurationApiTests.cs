using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Data;
using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Queue;
using Forgetless.Web.Tests.Api.Workspace;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Web.Tests.Api;

/// <summary>
/// History curation through the API on each store, training off (the queue is driven by hand): rename, tags and notes
/// after launch, the trash and back, delete forever, sorting, and the audit trail of each.
/// </summary>
public abstract class ExperimentCurationApiTests(StoreProvider store) : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new(store: store);
    private HttpClient client = null!;

    private IRunQueue Queue => app.Services.GetRequiredService<IRunQueue>();

    public async Task InitializeAsync() => client = await app.SignedInClientAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [SkippableFact]
    public async Task An_experiment_is_renamed_retagged_and_annotated_after_launch_and_each_change_is_audited()
    {
        var (id, _) = await Things.ExperimentAsync(client, "first-name");

        var response = await client.PatchAsJsonAsync($"/api/experiments/{id}", new { name = "  Better name ", tags = "baseline, lr", notes = "Seed 1 looked odd." });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var experiment = await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}");
        Assert.Equal("Better name", experiment.GetProperty("name").GetString());
        Assert.Equal("baseline, lr", experiment.GetProperty("tags").GetString());
        Assert.Equal("Seed 1 looked odd.", experiment.GetProperty("notes").GetString());
        Assert.Equal(["edited", "tagged", "renamed"], await AuditActionsAsync(id, "renamed", "tagged", "edited"));
        var renamed = (await client.GetFromJsonAsync<JsonElement>($"/api/audit?experimentId={id}")).EnumerateArray().First(a => a.GetProperty("action").GetString() == "renamed");
        Assert.Equal("Better name", renamed.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task A_blank_name_is_refused_on_its_field_and_changes_nothing()
    {
        var (id, _) = await Things.ExperimentAsync(client, "keeps-name");

        var response = await client.PatchAsJsonAsync($"/api/experiments/{id}", new { name = "   ", tags = "changed" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _), problem.ToString());
        var experiment = await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}");
        Assert.Equal(("keeps-name", ""), (experiment.GetProperty("name").GetString(), experiment.GetProperty("tags").GetString()));
    }

    [SkippableFact]
    public async Task A_trashed_experiment_leaves_the_list_for_the_trash_and_comes_back_on_restore()
    {
        var (kept, _) = await Things.ExperimentAsync(client, "kept");
        var (trashed, _) = await Things.ExperimentAsync(client, "trashed");

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/experiments/{trashed}/trash", null)).StatusCode);

        Assert.Equal([kept], await ListIdsAsync(""));
        Assert.Equal([trashed], await ListIdsAsync("?trashed=true"));
        var inTrash = (await client.GetFromJsonAsync<JsonElement>("/api/experiments?trashed=true"))[0];
        Assert.Equal("admin", inTrash.GetProperty("trashedBy").GetString());
        Assert.NotEqual(JsonValueKind.Null, (await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{trashed}")).GetProperty("trashedAt").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/experiments/{trashed}/restore", null)).StatusCode);

        Assert.Equal([trashed, kept], await ListIdsAsync(""));
        Assert.Empty(await ListIdsAsync("?trashed=true"));
        Assert.Equal(["restored", "trashed"], await AuditActionsAsync(trashed, "trashed", "restored"));
    }

    [SkippableFact]
    public async Task An_experiment_with_a_running_run_is_not_trashed_and_the_answer_says_to_cancel_it_first()
    {
        var (id, _) = await Things.ExperimentAsync(client, "busy");
        Assert.NotNull(await Queue.ClaimNextAsync("A", default));

        var response = await client.PostAsync($"/api/experiments/{id}/trash", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ExperimentTrash.RunningReason(id), (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal([id], await ListIdsAsync(""));
        Assert.Empty(await AuditActionsAsync(id, "trashed"));
    }

    [SkippableFact]
    public async Task Deleting_a_trashed_experiment_forever_removes_it_and_its_runs()
    {
        var (id, scheduleRunId) = await Things.ExperimentAsync(client, "gone");
        await client.PostAsync($"/api/experiments/{id}/trash", null);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/experiments/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/experiments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{scheduleRunId}")).StatusCode);
        Assert.Empty(await ListIdsAsync("?trashed=true"));
    }

    [SkippableFact]
    public async Task The_list_sorts_by_newest_oldest_and_name_and_refuses_an_unknown_order()
    {
        var (b, _) = await Things.ExperimentAsync(client, "b-second");
        var (a, _) = await Things.ExperimentAsync(client, "a-first");

        Assert.Equal([a, b], await ListIdsAsync(""));
        Assert.Equal([b, a], await ListIdsAsync("?sort=oldest"));
        Assert.Equal([a, b], await ListIdsAsync("?sort=name"));
        Assert.Equal([a, b], await ListIdsAsync("?sort=distance")); // nothing evaluated yet: newest first
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/experiments?sort=fastest")).StatusCode);
        var summary = (await client.GetFromJsonAsync<JsonElement>("/api/experiments"))[0];
        Assert.Equal((3, 3), (summary.GetProperty("runCount").GetInt32(), summary.GetProperty("queuedCount").GetInt32()));
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("bestIdealDistance").ValueKind);
    }

    [SkippableFact]
    public async Task The_list_comes_in_pages_with_the_total_and_links_to_the_next_and_previous_pages_that_keep_the_query()
    {
        var (c, _) = await Things.ExperimentAsync(client, "c-page");
        var (a, _) = await Things.ExperimentAsync(client, "a-page");
        var (b, _) = await Things.ExperimentAsync(client, "b-page");

        var whole = await client.GetAsync("/api/experiments");
        Assert.Equal("3", Single(whole, "X-Total-Count"));
        Assert.False(whole.Headers.Contains("Link")); // all of it on the default page of 100
        var first = await client.GetAsync("/api/experiments?sort=name&take=2");
        Assert.Equal([a, b], await IdsAsync(first));
        Assert.Equal("3", Single(first, "X-Total-Count"));
        Assert.Equal("</api/experiments?sort=name&skip=2&take=2>; rel=\"next\"", Single(first, "Link"));
        var second = await client.GetAsync("/api/experiments?sort=name&skip=2&take=2");
        Assert.Equal([c], await IdsAsync(second));
        Assert.Equal("</api/experiments?sort=name&skip=0&take=2>; rel=\"prev\"", Single(second, "Link"));
        Assert.Equal([a], await ListIdsAsync("?skip=1&take=1")); // newest first: b, a, c
        Assert.Equal([c], await ListIdsAsync("?sort=oldest&take=1"));
        Assert.Empty(await ListIdsAsync("?skip=3"));
        foreach (var refused in new[] { "?take=0", "?take=501", "?skip=-1" })
        {
            Assert.True((await client.GetAsync("/api/experiments" + refused)).StatusCode == HttpStatusCode.BadRequest, refused);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/experiments?take=500")).StatusCode);
    }

    [SkippableFact]
    public async Task A_member_cannot_trash_or_restore_someone_else_s_experiment()
    {
        var (id, _) = await Things.ExperimentAsync(client, "admins");
        using var mia = await app.UserClientAsync("mia", "member");

        Assert.Equal(HttpStatusCode.Forbidden, (await mia.PostAsync($"/api/experiments/{id}/trash", null)).StatusCode);
        await client.PostAsync($"/api/experiments/{id}/trash", null);
        Assert.Equal(HttpStatusCode.Forbidden, (await mia.PostAsync($"/api/experiments/{id}/restore", null)).StatusCode);
        Assert.Equal([id], await ListIdsAsync("?trashed=true"));
    }

    private async Task<List<int>> ListIdsAsync(string query) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/experiments" + query)).EnumerateArray().Select(e => e.GetProperty("id").GetInt32())];

    private static async Task<List<int>> IdsAsync(HttpResponseMessage response) =>
        [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(e => e.GetProperty("id").GetInt32())];

    private static string Single(HttpResponseMessage response, string header) => Assert.Single(response.Headers.GetValues(header));

    private async Task<List<string>> AuditActionsAsync(int experimentId, params string[] actions) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/audit?experimentId={experimentId}")).EnumerateArray()
            .Select(a => a.GetProperty("action").GetString()!).Where(actions.Contains)];

    /// <summary>The tests above on the embedded SQLite store.</summary>
    public sealed class OnSqlite() : ExperimentCurationApiTests(StoreProvider.Sqlite);

    /// <summary>The tests above on PostgreSQL (a fresh database on the test run's shared server).</summary>
    public sealed class OnPostgres() : ExperimentCurationApiTests(StoreProvider.Postgres);
}
