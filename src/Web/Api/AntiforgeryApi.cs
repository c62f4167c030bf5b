using Microsoft.AspNetCore.Antiforgery;

namespace Forgetless.Web.Api;

/// <summary>
/// GET /api/antiforgery: a token (and its cookie) for API clients that post multipart forms. Another site cannot
/// read this answer (no CORS), so handing the token out is safe.
/// </summary>
public static class AntiforgeryApi
{
    public static RouteGroupBuilder MapAntiforgeryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Results.Ok(new { headerName = tokens.HeaderName, formFieldName = tokens.FormFieldName, token = tokens.RequestToken });
        }).WithTags("Auth").WithSummary("Send the token in the named header (or form field) with multipart uploads; request it after signing in.");
        return api;
    }
}
