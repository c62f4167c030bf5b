using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Forgetless.Web.Auth;

/// <summary>
/// <c>Authorization: Bearer fl_…</c> for the REST API and the hub. Browsers' WebSockets cannot set headers, so on the
/// hub the token may also come as <c>access_token</c> in the query string (SignalR's convention).
/// </summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = BearerToken(Request);
        if (secret is null) return AuthenticateResult.NoResult();
        var principal = await tokens.AuthenticateAsync(secret, Context.RequestAborted);
        return principal is null
            ? AuthenticateResult.Fail("The token is unknown, revoked, or its account is disabled.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, ApiTokens.Scheme));
    }

    /// <summary>The bearer token of the request, or null when it carries none.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        return request.Path.StartsWithSegments("/hubs") && request.Query["access_token"] is [{ Length: > 0 } query] ? query : null;
    }
}
