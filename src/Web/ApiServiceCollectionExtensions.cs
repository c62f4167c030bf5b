using System.Text.Json.Serialization;
using Forgetless.Web.Api;
using Forgetless.Web.Auth;
using Forgetless.Web.Hubs;
using Forgetless.Web.Service.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace Forgetless.Web;

public static class ApiServiceCollectionExtensions
{
    /// <summary>REST plumbing: problem details, OpenAPI at /openapi/v1.json, JSON that allows NaN and names enums.</summary>
    public static IServiceCollection AddForgetlessApi(this IServiceCollection services)
    {
        // A JSON body that cannot be read (a lone surrogate escape, a number where text belongs) names the field it broke on.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context => UnreadableJson.Describe(context));
        // Client mistakes found deep inside (bad form, missing antiforgery token, a path leaving the data directory) answer 4xx, not 500.
        services.Configure<ExceptionHandlerOptions>(options => options.StatusCodeSelector = exception => exception switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            UnsafePathException => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status500InternalServerError,
        });
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        return services;
    }

    public const string NotFoundPath = "/not-found";

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    // What a browser opens: not the API, the hub, the OpenAPI document or the health probe, whose clients read statuses, not pages.
    private static bool IsPage(HttpContext context) => !IsApi(context) && !context.Request.Path.StartsWithSegments("/hubs")
        && !context.Request.Path.StartsWithSegments("/openapi") && !context.Request.Path.StartsWithSegments("/health");

    /// <summary>
    /// A page address that matches nothing (GET, outside /api) gets the app's not-found page, still with its status. Call it
    /// before authentication and antiforgery: the re-executed request must pass through them to reach the page.
    /// </summary>
    public static WebApplication UseForgetlessStatusPages(this WebApplication app)
    {
        app.UseWhen(context => IsPage(context) && HttpMethods.IsGet(context.Request.Method),
            pages => pages.UseStatusCodePagesWithReExecute(NotFoundPath, createScopeForStatusCodePages: true));
        return app;
    }

    /// <summary>Maps /api/*, the sign-in endpoints, /hubs/runs, /health and the OpenAPI document.</summary>
    public static WebApplication MapForgetlessApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        // /api answers problem details (pages: UseForgetlessStatusPages).
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.MapOpenApi();
        app.MapSignIn();
        var api = app.MapGroup("/api");
        api.MapDatasetsApi();
        api.MapExperimentsApi();
        api.MapRunsApi();
        api.MapModelsApi();
        api.MapAntiforgeryApi();
        api.MapDiagnosticsApi();
        api.MapUsersApi();
        api.MapTokensApi();
        api.MapAuditApi();
        app.MapHub<RunsHub>(RunsHub.Path);
        app.MapHealthChecks("/health").AllowAnonymous();
        return app;
    }
}
