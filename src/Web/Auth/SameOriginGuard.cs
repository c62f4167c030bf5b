using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Forgetless.Web.Auth;

/// <summary>
/// CSRF defence for cookie-authenticated state changes (every method but GET, HEAD, OPTIONS, TRACE): the request must
/// carry a valid antiforgery token, or come from this origin (the browser's <c>Origin</c> header, else
/// <c>Sec-Fetch-Site: same-origin</c>). A request with neither is refused, so an old browser that sends no
/// <c>Origin</c> cannot be used either. Bearer-token requests carry no ambient credential and are not checked.
/// SignalR connections (the hub, Blazor's circuit) only read or carry their own per-page secrets; for them a browser's
/// <c>Origin</c>, when sent, must be this site's, which stops cross-site WebSocket hijacking of the live stream.
/// </summary>
public sealed class SameOriginGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (IsCookieAuthenticated(context) && !await IsAllowedAsync(context, antiforgery))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await Results.Problem(
                "A signed-in browser request that changes something must come from this site (Origin header) or carry the antiforgery token (GET /api/antiforgery).",
                statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static bool IsCookieAuthenticated(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme };

    private static async Task<bool> IsAllowedAsync(HttpContext context, IAntiforgery antiforgery)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/hubs") || request.Path.StartsWithSegments("/_blazor"))
        {
            return request.Headers.Origin is not [{ } origin] || IsOwnOrigin(request, origin);
        }

        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return true;
        }

        return IsSameOrigin(request) || await HasValidTokenAsync(context, antiforgery);
    }

    private static bool IsOwnOrigin(HttpRequest request, string origin) => string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);

    public static bool IsSameOrigin(HttpRequest request)
    {
        if (request.Headers.Origin is [{ } origin]) return IsOwnOrigin(request, origin);
        return request.Headers["Sec-Fetch-Site"] is ["same-origin"];
    }

    // The header token is checked without touching the body; a multipart upload is not read here (it may be gigabytes),
    // so a non-browser client uploading with a cookie sends the token as the header.
    private static async Task<bool> HasValidTokenAsync(HttpContext context, IAntiforgery antiforgery)
    {
        var hasHeader = context.Request.Headers.ContainsKey(HeaderName);
        if (!hasHeader && !context.Request.HasFormContentType) return false;
        if (!hasHeader && context.Request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true) return false;
        try
        {
            return await antiforgery.IsRequestValidAsync(context);
        }
        catch (Exception ex) when (ex is InvalidOperationException or AntiforgeryValidationException)
        {
            return false; // e.g. a form that cannot be read
        }
    }

    private const string HeaderName = "RequestVerificationToken";
}
