using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Forgetless.Web.Auth;

/// <summary>
/// CSRF defence for cookie-authenticated state changes (every method but GET, HEAD, OPTIONS, TRACE): the request must
/// carry a valid antiforgery token, or come from this origin (the browser's <c>Origin</c> header, else
/// <c>Sec-Fetch-Site: same-origin</c>). A request with neither is refused, so an old browser that sends no
/// <c>Origin</c> cannot be used either. Bearer-token requests carry no ambient credential and are not checked.
/// </summary>
public sealed class SameOriginGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (NeedsCheck(context) && !IsSameOrigin(context.Request) && !await HasValidTokenAsync(context, antiforgery))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await Results.Problem(
                "A signed-in browser request that changes something must come from this site (Origin header) or carry the antiforgery token (GET /api/antiforgery).",
                statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static bool NeedsCheck(HttpContext context) =>
        !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method))
        && context.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme };

    public static bool IsSameOrigin(HttpRequest request)
    {
        var own = $"{request.Scheme}://{request.Host}";
        if (request.Headers.Origin is [{ } origin]) return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase);
        return request.Headers["Sec-Fetch-Site"] is ["same-origin"];
    }

    private static async Task<bool> HasValidTokenAsync(HttpContext context, IAntiforgery antiforgery)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(context);
        }
        catch (Exception ex) when (ex is InvalidOperationException or AntiforgeryValidationException)
        {
            return false; // e.g. a form that cannot be read
        }
    }
}
