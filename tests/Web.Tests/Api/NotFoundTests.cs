using System.Net;

namespace Forgetless.Web.Tests.Api;

/// <summary>Addresses that lead nowhere: pages answer the app's not-found page with 404, /api answers problem details.</summary>
public sealed class NotFoundTests : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new();
    private HttpClient client = null!;

    public async Task InitializeAsync() => client = await app.SignedInClientAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/experiments/9999")]
    [InlineData("/runs/9999")]
    public async Task A_page_that_does_not_exist_answers_the_apps_not_found_page_with_status_404(string path)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Nothing here", html);
        Assert.Contains("Not found · Forgetless", html);
    }

    [Theory]
    [InlineData("/api/no-such-thing")]
    [InlineData("/api/experiments/9999")]
    [InlineData("/api/runs/9999")]
    public async Task An_api_address_that_does_not_exist_answers_problem_details_with_status_404(string path)
    {
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":404", await response.Content.ReadAsStringAsync());
    }
}
