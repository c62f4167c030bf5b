using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Data;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Web.Tests.Api.Workspace;

public abstract class ApiTokenTests(StoreProvider store) : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new(store: store);
    private HttpClient member = null!;

    public async Task InitializeAsync() => member = await app.UserClientAsync("nora", "member");

    public async Task DisposeAsync()
    {
        member.Dispose();
        await app.DisposeAsync();
    }

    [SkippableFact]
    public async Task A_token_is_shown_once_stored_hashed_works_as_bearer_and_stops_when_revoked()
    {
        var created = await (await member.PostAsJsonAsync("/api/tokens", new { name = "notebook" })).Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("token").GetString()!;
        var id = created.GetProperty("id").GetInt32();
        using var script = app.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        var listed = await member.GetStringAsync("/api/tokens");
        Assert.DoesNotContain(secret, listed);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var stored = await db.ApiTokens.SingleAsync();
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))), stored.TokenHash);
            Assert.NotEqual(secret, stored.TokenHash);
        }

        Assert.Equal("nora", (await script.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("name").GetString());
        var (_, runId) = await Things.ExperimentAsync(script, "by-token"); // writes without a cookie need no Origin
        Assert.Equal(HttpStatusCode.Accepted, (await script.PostAsync($"/api/runs/{runId}/cancel", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await member.DeleteAsync($"/api/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/experiments")).StatusCode);
    }

    [SkippableFact]
    public async Task A_made_up_token_is_refused()
    {
        using var script = app.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "fl_not-a-real-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/experiments")).StatusCode);
    }

    [SkippableFact]
    public async Task The_hub_accepts_a_token_and_refuses_no_credentials()
    {
        var secret = (await (await member.PostAsJsonAsync("/api/tokens", new { name = "hub" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        await using var withToken = Hub(o => o.AccessTokenProvider = () => Task.FromResult(secret));
        await using var without = Hub(_ => { });

        await withToken.StartAsync();
        await withToken.InvokeAsync("JoinRun", 1);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => without.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private HubConnection Hub(Action<HttpConnectionOptions> configure) => new HubConnectionBuilder()
        .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/runs"), o =>
        {
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            configure(o);
        }).Build();

    /// <summary>The tests above on the embedded SQLite store.</summary>
    public sealed class OnSqlite() : ApiTokenTests(StoreProvider.Sqlite);

    /// <summary>The tests above on PostgreSQL (a fresh database on the test run's shared server).</summary>
    public sealed class OnPostgres() : ApiTokenTests(StoreProvider.Postgres);
}
