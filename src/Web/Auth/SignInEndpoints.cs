using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Forgetless.Web.Auth;

/// <summary>
/// Sign-in and sign-out over plain HTTP (a cookie can only be set on an HTTP response, not over a Blazor circuit):
/// the form POST from the sign-in page (Features/SignIn, antiforgery-protected) and a JSON endpoint for API clients.
/// </summary>
public static class SignInEndpoints
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        // Form posts are antiforgery-validated automatically (minimal APIs + UseAntiforgery).
        app.MapPost(LoginPath, async ([FromForm] string name, [FromForm] string password, [FromForm] string? returnUrl, [FromForm] string? reason, HttpContext http, UserAccounts users, SignInThrottle throttle) =>
        {
            var target = SafeReturnUrl(returnUrl);
            var (principal, throttled) = await CheckAsync(name, password, http, users, throttle);
            if (principal is null)
                return Results.Redirect($"{LoginPath}?error={(throttled ? "throttled" : "1")}&returnUrl={WebUtility.UrlEncode(target)}{(reason is { Length: > 0 } ? "&reason=" + WebUtility.UrlEncode(reason) : "")}");
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return Results.LocalRedirect(target);
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapPost(LogoutPath, async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        }).ExcludeFromDescription();

        app.MapPost("/api/auth/login", async (Credentials credentials, HttpContext http, UserAccounts users, SignInThrottle throttle) =>
        {
            var (principal, throttled) = await CheckAsync(credentials.Name, credentials.Password, http, users, throttle);
            if (throttled)
            {
                http.Response.Headers.RetryAfter = ((int)throttle.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Problem("Too many wrong passwords for this account or from this address; try again later.", statusCode: StatusCodes.Status429TooManyRequests);
            }

            if (principal is null) return Results.Problem("Wrong name or password.", statusCode: StatusCodes.Status401Unauthorized);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return Results.Ok(new { name = credentials.Name });
        }).AllowAnonymous().WithTags("Auth").WithSummary("Sign in; sets the auth cookie. 429 after too many wrong passwords for the account or address.");

        app.MapGet("/api/auth/me", (HttpContext http) => http.User.Identity?.IsAuthenticated == true
            ? Results.Ok(new { name = http.User.Identity.Name, role = http.User.FindFirstValue(ClaimTypes.Role) })
            : Results.Unauthorized()).AllowAnonymous().WithTags("Auth");
        return app;
    }

    /// <summary>The principal, or null with whether the throttle (rather than a wrong password) refused it.</summary>
    private static async Task<(ClaimsPrincipal? Principal, bool Throttled)> CheckAsync(string name, string password, HttpContext http, UserAccounts users, SignInThrottle throttle)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!throttle.MayTry(name, address)) return (null, true);
        var principal = await users.CheckAsync(name, password, http.RequestAborted);
        if (principal is null) throttle.Failed(name, address);
        return (principal, false);
    }

    // Only local paths: an absolute URL here would be an open redirect.
    private static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    public sealed record Credentials(string Name, string Password);
}
