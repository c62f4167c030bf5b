using System.Security.Claims;
using Forgetless.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Forgetless.Web;

public static class AuthServiceCollectionExtensions
{
    private const string CookieOrBearer = "CookieOrBearer";

    /// <summary>
    /// Cookie sign-in against the Users table, or a personal API token as <c>Authorization: Bearer</c>. Nothing is
    /// anonymous unless it says so (the fallback policy); API and hub callers, Blazor's own circuit hub included, get
    /// 401/403 instead of a redirect to the sign-in page, which a script cannot read as an answer.
    /// </summary>
    public static IServiceCollection AddForgetlessAuth(this IServiceCollection services)
    {
        services.AddAuthentication(CookieOrBearer)
            .AddPolicyScheme(CookieOrBearer, CookieOrBearer, options => options.ForwardDefaultSelector = context =>
                ApiTokenHandler.BearerToken(context.Request) is null ? CookieAuthenticationDefaults.AuthenticationScheme : ApiTokens.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokens.Scheme, null)
            .AddCookie(options =>
            {
                options.LoginPath = SignInEndpoints.LoginPath;
                options.LogoutPath = SignInEndpoints.LogoutPath;
                options.Cookie.Name = "forgetless.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromDays(14);
                options.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
                options.Events.OnValidatePrincipal = RefreshFromStoreAsync;
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Access.WritePolicy, policy => policy.RequireRole(Access.Admin, Access.Member))
            .AddPolicy(Access.AdminPolicy, policy => policy.RequireRole(Access.Admin));
        services.AddCascadingAuthenticationState();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<ApiTokens>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<Ownership>();
        services.AddScoped<Forgetless.Web.Components.Shared.PageGuard>();
        return services;
    }

    /// <summary>Authentication, the cross-site check on cookie-authenticated writes, then authorization.</summary>
    public static WebApplication UseForgetlessAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<SameOriginGuard>();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Every cookie request re-reads the account, so disabling it or changing its role takes effect at once.</summary>
    private static async Task RefreshFromStoreAsync(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var user = name is null ? null : await context.HttpContext.RequestServices.GetRequiredService<UserAccounts>().FindAsync(name, context.HttpContext.RequestAborted);
        if (user is null || user.IsDisabled)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        if (context.Principal?.FindFirstValue(ClaimTypes.Role) != Access.ClaimValue(user.Role))
        {
            context.ReplacePrincipal(UserAccounts.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
            context.ShouldRenew = true;
        }
    }

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        // A page whose sign-in no longer holds (keys lost on a redeploy) reconnects to /_blazor: a 401 there lets its
        // reconnect banner say "sign in again" at once instead of retrying on an HTML answer for minutes.
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/openapi"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
