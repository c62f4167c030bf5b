using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Forgetless.Web.Tests.Api.Workspace;

public sealed class SignInThrottleTests : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task After_five_wrong_passwords_even_the_right_one_is_refused_for_that_account()
    {
        using var client = app.CreateClient();
        _ = await client.GetAsync("/health");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { name = "admin", password = $"guess-{i}" })).StatusCode);
        }

        var right = await client.PostAsJsonAsync("/api/auth/login", new { name = "admin", password = app.AdminPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(right.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task Wrong_passwords_for_many_names_from_one_address_lock_that_address()
    {
        await using var strict = app.WithWebHostBuilder(b => b.UseSetting("Forgetless:SignInFailuresPerAddress", "3"));
        using var client = strict.CreateClient();
        _ = await client.GetAsync("/health");

        foreach (var name in new[] { "amy", "ben", "cal" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { name, password = "whatever1" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/auth/login", new { name = "admin", password = app.AdminPassword })).StatusCode);
    }
}
