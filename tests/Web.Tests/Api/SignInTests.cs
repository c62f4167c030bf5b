using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Forgetless.Data;

namespace Forgetless.Web.Tests.Api;

public abstract partial class SignInTests(StoreProvider store) : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new(store: store);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [SkippableFact]
    public async Task The_first_start_creates_an_admin_whose_password_is_in_the_data_directory()
    {
        using var client = app.CreateClient();
        _ = await client.GetAsync("/health");

        Assert.Matches("^[A-Za-z0-9]{16}$", app.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { name = "admin", password = app.AdminPassword })).StatusCode);
        Assert.Equal("admin", (await client.GetFromJsonAsync<Me>("/api/auth/me"))?.Name);
    }

    [SkippableFact]
    public async Task A_wrong_password_is_refused()
    {
        using var client = app.CreateClient();
        _ = await client.GetAsync("/health");

        var response = await client.PostAsJsonAsync("/api/auth/login", new { name = "admin", password = "guess" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [SkippableFact]
    public async Task The_sign_in_form_works_with_its_antiforgery_token_and_fails_without()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var form = await client.GetStringAsync("/account/login?returnUrl=/experiments");
        var token = TokenField().Match(form);
        Assert.True(token.Success, "the form carries an antiforgery token");

        var withoutToken = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "admin", ["password"] = app.AdminPassword }));
        var withToken = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups[1].Value] = WebUtility.HtmlDecode(token.Groups[2].Value), ["name"] = "admin", ["password"] = app.AdminPassword, ["returnUrl"] = "https://evil.example/",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withToken.StatusCode);
        Assert.Equal("/", withToken.Headers.Location?.OriginalString); // never an open redirect
        Assert.Contains(withToken.Headers.GetValues("Set-Cookie"), c => c.StartsWith("forgetless.auth=", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Health_is_ok_when_the_database_answers_and_the_training_service_runs()
    {
        using var client = app.CreateClient();

        var deadline = DateTime.UtcNow.AddMinutes(2); // the training service starts after the store: slow on a loaded 2-core machine
        HttpResponseMessage response;
        do response = await client.GetAsync("/health");
        while (response.StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline && await Task.Delay(100).ContinueWith(_ => true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    private sealed record Me(string Name);

    /// <summary>The tests above on the embedded SQLite store.</summary>
    public sealed class OnSqlite() : SignInTests(StoreProvider.Sqlite);

    /// <summary>The tests above on PostgreSQL (a fresh database on the test run's shared server).</summary>
    public sealed class OnPostgres() : SignInTests(StoreProvider.Postgres);
}
