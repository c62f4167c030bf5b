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

    /// <summary>Maps /api/*, the sign-in endpoints, /hubs/runs, /health and the OpenAPI document.</summary>
    public static WebApplication MapForgetlessApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
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
        // An /api address that matches nothing answers problem details, not the pages' catch-all (Components/Pages/UnknownPage).
        api.Map("{**path}", () => Problems.NotFound("No API endpoint has this address.")).ExcludeFromDescription();
        app.MapHub<RunsHub>(RunsHub.Path);
        app.MapHealthChecks("/health").AllowAnonymous();
        return app;
    }
}
