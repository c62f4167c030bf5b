using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Data;

namespace Forgetless.Web.Tests.Api.Workspace;

/// <summary>Anonymous visitors get nothing; members act on their own things and read everyone's; viewers only read; admins act on all.</summary>
public abstract class RolesAndOwnershipTests(StoreProvider store) : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new(store: store);
    private HttpClient alice = null!, bob = null!, viewer = null!, admin = null!;
    private int aliceExperiment, aliceRun, aliceDataset;

    public async Task InitializeAsync()
    {
        admin = await app.SignedInClientAsync();
        alice = await app.UserClientAsync("alice", "member");
        bob = await app.UserClientAsync("bob", "member");
        viewer = await app.UserClientAsync("vera", "viewer");
        (aliceExperiment, aliceRun) = await Things.ExperimentAsync(alice, "alice");
        aliceDataset = await Things.UploadAsync(alice, Uploads.Alpaca.Replace("Blue", "Green", StringComparison.Ordinal), "alice-unused");
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { alice, bob, viewer, admin }) client.Dispose();
        await app.DisposeAsync();
    }

    [SkippableFact]
    public async Task An_anonymous_visitor_reads_nothing_but_health_and_the_sign_in_page()
    {
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var path in new[] { $"/api/runs/{aliceRun}", $"/api/runs/{aliceRun}/metrics", $"/api/runs/{aliceRun}/metrics.csv", $"/api/runs/{aliceRun}/checkpoint.zip",
                     "/api/datasets", $"/api/datasets/{aliceDataset}/preview", "/api/experiments", "/api/models", "/api/audit", "/openapi/v1.json" })
        {
            Assert.True((await anonymous.GetAsync(path)).StatusCode == HttpStatusCode.Unauthorized, path);
        }

        foreach (var page in new[] { "/", "/datasets", "/experiments", $"/runs/{aliceRun}", "/models", "/admin/users" })
        {
            var response = await anonymous.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/account/login", response.Headers.Location?.ToString());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/hubs/runs/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode); // the pages' own hub
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
    }

    [SkippableFact]
    public async Task A_sign_in_cookie_the_server_can_no_longer_read_gets_401_from_the_pages_hub_not_the_sign_in_page()
    {
        using var stale = app.CreateClient(new() { AllowAutoRedirect = false });
        stale.DefaultRequestHeaders.Add("Cookie", "forgetless.auth=CfDJ8-sealed-with-a-previous-deployments-keys");

        var response = await stale.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [SkippableFact]
    public async Task A_member_sees_another_members_things_but_cannot_change_them()
    {
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"/api/experiments/{aliceExperiment}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"/api/datasets/{aliceDataset}/preview")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PostAsync($"/api/runs/{aliceRun}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.DeleteAsync($"/api/runs/{aliceRun}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.DeleteAsync($"/api/experiments/{aliceExperiment}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.DeleteAsync($"/api/datasets/{aliceDataset}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PatchAsJsonAsync($"/api/experiments/{aliceExperiment}", new { tags = "bob-was-here" })).StatusCode);
        Assert.Equal("Queued", await Things.StatusAsync(alice, aliceRun));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/datasets/{aliceDataset}")).StatusCode);
    }

    [SkippableFact]
    public async Task A_member_changes_their_own_things()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await alice.PatchAsJsonAsync($"/api/experiments/{aliceExperiment}", new { tags = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await alice.PostAsync($"/api/runs/{aliceRun}/cancel", null)).StatusCode);
        Assert.Equal("Cancelled", await Things.StatusAsync(alice, aliceRun));
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/datasets/{aliceDataset}")).StatusCode);
    }

    [SkippableFact]
    public async Task A_viewer_reads_everything_and_changes_nothing()
    {
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/runs/{aliceRun}/metrics.csv")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/datasets?name=v", Uploads.Raw(Uploads.Alpaca))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/experiments", Things.Request("v", aliceDataset, aliceDataset, new { steps = 4 }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/runs/{aliceRun}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"/api/datasets/{aliceDataset}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/users")).StatusCode);
        Assert.Equal("Queued", await Things.StatusAsync(viewer, aliceRun));
        Assert.Single(await viewer.GetFromJsonAsync<JsonElement[]>("/api/datasets") ?? [], d => d.GetProperty("id").GetInt32() == aliceDataset);
    }

    [SkippableFact]
    public async Task The_admin_acts_on_a_members_things_and_the_audit_says_so()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/runs/{aliceRun}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/runs/{aliceRun}/resume", null)).StatusCode);

        var runEntries = await admin.GetFromJsonAsync<JsonElement[]>($"/api/audit?kind=run&id={aliceRun}");
        var experimentEntries = await bob.GetFromJsonAsync<JsonElement[]>($"/api/audit?experimentId={aliceExperiment}");
        Assert.Equal([("admin", "resumed"), ("admin", "cancelled")], runEntries!.Select(e => (e.GetProperty("actor").GetString(), e.GetProperty("action").GetString())));
        Assert.Equal(["resumed", "cancelled", "created"], experimentEntries!.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("alice", experimentEntries![2].GetProperty("actor").GetString());
    }

    [SkippableFact]
    public async Task Only_the_admin_manages_users_and_a_disabled_account_stops_working_at_once()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PostAsync("/api/users/bob/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/users/bob/disable", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bob.GetAsync("/api/experiments")).StatusCode);
        var again = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { name = "bob", password = "password-for-tests" });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        var users = await admin.GetFromJsonAsync<JsonElement[]>("/api/users");
        Assert.True(users!.Single(u => u.GetProperty("name").GetString() == "bob").GetProperty("disabled").GetBoolean());
    }

    [SkippableFact]
    public async Task A_role_change_takes_effect_on_the_next_request()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/users/alice/role", new { role = "viewer" })).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PostAsync($"/api/runs/{aliceRun}/cancel", null)).StatusCode);
        Assert.Equal("viewer", (await alice.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("role").GetString());
    }

    /// <summary>The tests above on the embedded SQLite store.</summary>
    public sealed class OnSqlite() : RolesAndOwnershipTests(StoreProvider.Sqlite);

    /// <summary>The tests above on PostgreSQL (a fresh database on the test run's shared server).</summary>
    public sealed class OnPostgres() : RolesAndOwnershipTests(StoreProvider.Postgres);
}
