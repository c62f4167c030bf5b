using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Forgetless.Web.Tests.Service;
using Microsoft.Data.Sqlite;

namespace Forgetless.Web.Tests;

/// <summary><c>./forgetless user</c> on the store the app uses: accounts it makes or changes sign in (or not) over HTTP.</summary>
public sealed partial class UserCommandTests : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_user_added_with_a_generated_password_signs_in_with_the_role_it_was_given()
    {
        _ = app.Server; // the app has made its store and admin

        var (code, output, error) = await RunAsync("add", "carol", "--role", "viewer", "--data-dir", app.DataDir);

        Assert.True(code == 0, error);
        Assert.Contains("Created viewer 'carol'.", output);
        using var carol = await app.SignedInClientAsync("carol", ShownPassword(output));
        Assert.Equal("viewer", (await carol.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await carol.PostAsync("/api/datasets?name=x", Uploads.Raw(Uploads.Alpaca))).StatusCode);
    }

    [Fact]
    public async Task A_reset_password_replaces_the_old_one_and_a_disabled_user_cannot_sign_in()
    {
        _ = app.Server;
        Assert.Equal(0, (await RunAsync("add", "dave", "--password", "first-password", "--data-dir", app.DataDir)).Code);

        var (code, output, _) = await RunAsync("reset", "dave", "--data-dir", app.DataDir);
        Assert.Equal(0, code);
        var password = ShownPassword(output);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync("dave", "first-password"));
        using var dave = await app.SignedInClientAsync("dave", password);
        Assert.Equal(HttpStatusCode.OK, (await dave.GetAsync("/api/experiments")).StatusCode);

        (code, output, _) = await RunAsync("disable", "dave", "--data-dir", app.DataDir);
        Assert.Equal(0, code);
        Assert.DoesNotContain("Password", output);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync("dave", password));
        Assert.Equal(HttpStatusCode.Unauthorized, (await dave.GetAsync("/api/experiments")).StatusCode); // the open session stops too

        var audit = await (await app.SignedInClientAsync()).GetFromJsonAsync<JsonElement[]>("/api/audit?kind=user");
        Assert.Equal(["disabled", "password-reset", "created"], audit!.Where(a => a.GetProperty("actor").GetString() == "command-line").Select(a => a.GetProperty("action").GetString()));
    }

    [Theory]
    [InlineData(new[] { "reset", "nobody" }, 1, "No user is called 'nobody'.")]
    [InlineData(new[] { "disable", "nobody" }, 1, "No user is called 'nobody'.")]
    [InlineData(new[] { "add", "erin", "--role", "owner" }, 1, "role: Use admin, member or viewer.")]
    [InlineData(new[] { "add", "admin" }, 1, "name: The name 'admin' is taken.")]
    [InlineData(new[] { "add", "erin", "--password", "short" }, 1, "password: A password has at least 8 characters.")]
    [InlineData(new[] { "add", " erin" }, 1, "name: A name cannot start or end with a space.")]
    [InlineData(new[] { "remove", "erin" }, 2, "usage: ./forgetless user add|reset|disable|enable NAME")]
    [InlineData(new[] { "add" }, 2, "usage: ./forgetless user")]
    [InlineData(new[] { "disable", "erin", "--role", "admin" }, 2, "--role does not apply to 'disable'")]
    [InlineData(new[] { "add", "erin", "--role" }, 2, "--role needs a value")]
    public async Task Bad_requests_say_what_is_wrong_and_change_nothing(string[] args, int exitCode, string message)
    {
        _ = app.Server;
        using var admin = await app.SignedInClientAsync();
        var before = (await admin.GetStringAsync("/api/users"), await admin.GetStringAsync("/api/audit"));

        var (code, output, error) = await RunAsync([.. args, "--data-dir", app.DataDir]);

        Assert.Equal(exitCode, code);
        Assert.Contains(message, error);
        Assert.Equal("", output);
        Assert.Equal(before, (await admin.GetStringAsync("/api/users"), await admin.GetStringAsync("/api/audit")));
    }

    [SkippableFact]
    public async Task The_built_apps_verb_adds_a_user_on_a_fresh_data_directory_who_signs_in_to_the_served_app()
    {
        var dll = AppProcess.BuiltDll();
        Skip.If(dll is null, "src/Web is not built in this configuration");
        var dataDir = Path.Combine(Path.GetTempPath(), "forgetless-user-verb-" + Guid.NewGuid().ToString("n"));
        try
        {
            var (code, output, error) = await RunProcessAsync(dll!, "user", "add", "frank", "--role", "member", "--data-dir", dataDir);
            Assert.True(code == 0, error);
            Assert.Contains("first start: sign in as 'admin'", output); // a fresh store still gets its admin
            var password = ShownPassword(output[output.IndexOf("Created member 'frank'.", StringComparison.Ordinal)..]);

            var environment = new Dictionary<string, string> { ["Forgetless__SeedDemoData"] = "false", ["Training__ClaimRuns"] = "false" };
            using var served = await AppProcess.StartAsync(dll!, dataDir, AppProcess.FreePort(), environment);
            using var http = new HttpClient { BaseAddress = new Uri(served.Url) };
            var login = await http.PostAsJsonAsync("/api/auth/login", new { name = "frank", password });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            Assert.Equal("member", (await http.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("role").GetString());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
        }
    }

    private async Task<HttpStatusCode> SignInStatusAsync(string name, string password)
    {
        using var client = app.CreateClient();
        return (await client.PostAsJsonAsync("/api/auth/login", new { name, password })).StatusCode;
    }

    private static string ShownPassword(string output) => ShownPasswordLine().Match(output) is { Success: true } match
        ? match.Groups[1].Value
        : throw new Xunit.Sdk.XunitException($"no password in: {output}");

    [GeneratedRegex(@"Password \(shown once\): (\S+)")]
    private static partial Regex ShownPasswordLine();

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await UserCommand.RunAsync(args, output, error);
        SqliteConnection.ClearAllPools();
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<(int Code, string Output, string Error)> RunProcessAsync(string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // migrating a fresh store is slow on a loaded machine
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
