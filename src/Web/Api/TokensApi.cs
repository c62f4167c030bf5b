using System.Security.Claims;
using Forgetless.Web.Auth;
using Forgetless.Web.Service.Audit;

namespace Forgetless.Web.Api;

/// <summary>/api/tokens: the signed-in user's personal API tokens. The token is in the create answer only; the store keeps its hash.</summary>
public static class TokensApi
{
    public sealed record NewToken(string Name);

    public static RouteGroupBuilder MapTokensApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tokens").WithTags("Tokens");
        group.MapGet("/", (HttpContext http, ApiTokens tokens) => tokens.ListAsync(UserId(http), http.RequestAborted));
        group.MapPost("/", async (NewToken request, HttpContext http, ApiTokens tokens, AuditLog audit) =>
        {
            var (token, secret, problem) = await tokens.CreateAsync(UserId(http), request.Name, http.RequestAborted);
            if (problem is not null) return Problems.Invalid(new Dictionary<string, string[]> { ["name"] = [problem] });
            await audit.RecordAsync(OwnerGuard.Actor(http), "created", "token", token!.Id, detail: token.Name);
            return Results.Created($"/api/tokens/{token.Id}", new { token.Id, token.Name, token.Prefix, token.CreatedAt, token = secret });
        }).WithSummary("Creates a token; 'token' in the answer is shown this once. Send it as 'Authorization: Bearer TOKEN'.");
        group.MapDelete("/{id:int}", async (int id, HttpContext http, ApiTokens tokens, AuditLog audit) =>
        {
            if (!await tokens.RevokeAsync(UserId(http), id, http.RequestAborted)) return Problems.NotFound($"You have no live token with id {id}.");
            await audit.RecordAsync(OwnerGuard.Actor(http), "revoked", "token", id);
            return Results.NoContent();
        }).WithSummary("Revokes one of your tokens; it stops working at once.");
        return api;
    }

    private static int UserId(HttpContext http) => int.Parse(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, System.Globalization.CultureInfo.InvariantCulture);
}
