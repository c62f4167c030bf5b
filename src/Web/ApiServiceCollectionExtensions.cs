using System.Text.Json.Serialization;
using Forgetless.Web.Api;
using Forgetless.Web.Auth;
using Forgetless.Web.Hubs;
using Forgetless.Web.Service.Storage;

namespace Forgetless.Web;

public static class ApiServiceCollectionExtensions
{
    /// <summary>REST plumbing: problem details, OpenAPI at /openapi/v1.json, JSON that allows NaN and names enums.</summary>
    public static IServiceCollection AddForgetlessApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
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
        app.Use(RefuseUnsafePaths);
        app.MapOpenApi();
        app.MapSignIn();
        var api = app.MapGroup("/api");
        api.MapDatasetsApi();
        api.MapExperimentsApi();
        api.MapRunsApi();
        app.MapHub<RunsHub>(RunsHub.Path);
        app.MapHealthChecks("/health");
        return app;
    }

    // A path that tried to leave the data directory is the client's fault: 400, not 500.
    private static async Task RefuseUnsafePaths(HttpContext http, Func<Task> next)
    {
        try
        {
            await next();
        }
        catch (UnsafePathException ex) when (!http.Response.HasStarted)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await Results.Problem(ex.Message, statusCode: 400, title: "Path not allowed").ExecuteAsync(http);
        }
    }
}
