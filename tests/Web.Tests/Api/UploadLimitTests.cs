using System.Net;

namespace Forgetless.Web.Tests.Api;

public sealed class UploadLimitTests
{
    [Fact]
    public async Task An_upload_over_the_limit_is_refused_and_leaves_nothing()
    {
        await using var app = new ForgetlessFactory(maxUploadBytes: 100);
        var client = await app.SignedInClientAsync();

        var response = await client.PostAsync("/api/datasets", Uploads.Raw(Uploads.Alpaca));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(app.StoredFiles());
    }
}
