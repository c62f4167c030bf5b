using Forgetless.Web.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Forgetless.Web;

public static class AuthServiceCollectionExtensions
{
    /// <summary>Cookie sign-in against the Users table; API and hub callers get 401/403 instead of a redirect.</summary>
    public static IServiceCollection AddForgetlessAuth(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
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
        });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<UserAccounts>();
        return services;
    }

    private static Task Refuse(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs"))
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
