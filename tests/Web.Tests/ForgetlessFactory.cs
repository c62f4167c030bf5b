using System.Net.Http.Json;
using Forgetless.Data;
using Forgetless.Data.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Forgetless.Web.Tests;

/// <summary>
/// The whole app in memory on a fresh temp data directory, storing in a real SQLite file there or (<paramref name="store"/>
/// Postgres) in a fresh database on the test run's shared PostgreSQL server, set as <c>--store</c> sets it. Training is off
/// by default (<c>Training:ClaimRuns=false</c>) so API tests see runs stay Queued; pass <paramref name="train"/> to train.
/// </summary>
public class ForgetlessFactory(bool train = false, bool seedDemo = false, long? maxUploadBytes = null, StoreProvider store = StoreProvider.Sqlite)
    : WebApplicationFactory<Program>
{
    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "forgetless-web-tests", Guid.NewGuid().ToString("n"));

    /// <summary>The PostgreSQL connection string (a fresh database; the test skips when no server can run here), or null on SQLite.</summary>
    public string? PostgresStore { get; } = store == StoreProvider.Postgres ? SharedPostgres.CreateDatabase() : null;

    public string AdminPassword => File.ReadAllText(Path.Combine(DataDir, "admin-password.txt")).Trim();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Forgetless:DataDir", DataDir);
        if (PostgresStore is not null) builder.UseSetting("Forgetless:Store", PostgresStore);
        builder.UseSetting("Forgetless:SeedDemoData", seedDemo.ToString());
        builder.UseSetting("Training:ClaimRuns", train.ToString());
        builder.UseSetting("Training:PollInterval", "00:00:00.200");
        builder.UseSetting("Training:CheckpointEvery", "2");
        if (maxUploadBytes is { } limit) builder.UseSetting("Forgetless:MaxUploadBytes", limit.ToString());
    }

    /// <summary>A client holding the admin's auth cookie; it sends this site's Origin, as a browser on the app's own pages does.</summary>
    public Task<HttpClient> SignedInClientAsync()
    {
        _ = Server; // starts the app, which writes the admin password
        return SignedInClientAsync("admin", AdminPassword);
    }

    /// <summary>A client signed in as <paramref name="name"/>, sending this site's Origin on every request.</summary>
    public async Task<HttpClient> SignedInClientAsync(string name, string password)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("Origin", "http://localhost");
        var response = await client.PostAsJsonAsync("/api/auth/login", new { name, password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    private Task<string?>? adminToken;

    /// <summary>A personal API token of the admin (made once), for hub clients: <c>AccessTokenProvider = app.AdminTokenAsync</c>.</summary>
    public Task<string?> AdminTokenAsync() => adminToken ??= CreateAdminTokenAsync();

    private async Task<string?> CreateAdminTokenAsync()
    {
        using var admin = await SignedInClientAsync();
        var response = await admin.PostAsJsonAsync("/api/tokens", new { name = "tests" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString();
    }

    /// <summary>Creates a user through the admin API and answers a client signed in as them.</summary>
    public async Task<HttpClient> UserClientAsync(string name, string role)
    {
        using var admin = await SignedInClientAsync();
        const string password = "password-" + "for-tests";
        (await admin.PostAsJsonAsync("/api/users", new { name, role, password })).EnsureSuccessStatusCode();
        return await SignedInClientAsync(name, password);
    }

    /// <summary>Every file under the data directory's folders (not the database, admin password or data-protection keys), relative, sorted.</summary>
    public IReadOnlyList<string> StoredFiles() => [.. Directory.EnumerateFiles(DataDir, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(DataDir, f)).Where(f => f.Contains('/') && !f.StartsWith("keys/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (PostgresStore is not null) SharedPostgres.DropDatabase(PostgresStore);
        else SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDir)) Directory.Delete(DataDir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
