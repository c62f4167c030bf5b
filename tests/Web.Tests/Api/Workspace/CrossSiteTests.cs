using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Forgetless.Web.Tests.Api.Workspace;

/// <summary>A cookie alone cannot change anything: the request must come from this origin or carry the antiforgery token.</summary>
public sealed class CrossSiteTests : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new();
    private int runId;

    public async Task InitializeAsync()
    {
        using var admin = await app.SignedInClientAsync();
        (_, runId) = await Things.ExperimentAsync(admin, "csrf");
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_cookie_request_from_another_origin_or_with_no_origin_is_refused()
    {
        using var browser = await CookieOnlyClientAsync();

        var evil = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{runId}/cancel") { Content = new FormUrlEncodedContent([]) };
        evil.Headers.Add("Origin", "http://evil.example");
        var noOrigin = await browser.PostAsync($"/api/runs/{runId}/cancel", new FormUrlEncodedContent([]));
        var crossSiteFetch = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{runId}/resume");
        crossSiteFetch.Headers.Add("Sec-Fetch-Site", "cross-site");
        var logout = new HttpRequestMessage(HttpMethod.Post, "/account/logout");
        logout.Headers.Add("Origin", "http://localhost:1234");

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(evil)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(crossSiteFetch)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(logout)).StatusCode);
        Assert.Equal("Queued", await Things.StatusAsync(browser, runId));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/me")).StatusCode); // still signed in
    }

    [Fact]
    public async Task The_same_origin_or_the_antiforgery_token_lets_it_through()
    {
        using var browser = await CookieOnlyClientAsync();
        var token = await browser.GetFromJsonAsync<JsonElement>("/api/antiforgery");
        var withToken = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{runId}/cancel");
        withToken.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        var sameOrigin = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{runId}/resume");
        sameOrigin.Headers.Add("Origin", "http://localhost");

        Assert.Equal(HttpStatusCode.Accepted, (await browser.SendAsync(withToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await browser.SendAsync(sameOrigin)).StatusCode);
    }

    private async Task<HttpClient> CookieOnlyClientAsync()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        (await client.PostAsJsonAsync("/api/auth/login", new { name = "admin", password = app.AdminPassword })).EnsureSuccessStatusCode();
        return client;
    }
}
