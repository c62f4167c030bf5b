using Forgetless.Web.Auth;

namespace Forgetless.Web.Api;

/// <summary>/api/users (admins only): list, create, reset a password, change a role, disable or enable an account. Audited (<see cref="UserAdministration"/>).</summary>
public static class UsersApi
{
    public sealed record NewUser(string Name, string Role, string? Password);

    public sealed record RoleChange(string Role);

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Access.AdminPolicy);
        group.MapGet("/", async (HttpContext http, UserAdministration users) => await users.ListAsync(http.User, http.RequestAborted) ?? []);
        group.MapPost("/", async (NewUser request, HttpContext http, UserAdministration users) =>
        {
            var change = await users.CreateAsync(http.User, request.Name, request.Role, request.Password, http.RequestAborted);
            var role = Access.TryParseRole(request.Role, out var parsed) ? Access.ClaimValue(parsed) : request.Role;
            return change.Outcome == UserChangeOutcome.Done
                ? Results.Created($"/api/users/{Uri.EscapeDataString(request.Name)}", new { name = request.Name, role, password = change.Password ?? request.Password })
                : Refusal(change);
        }).WithSummary("Creates a user; answers the password once (a random one unless given).");
        group.MapPost("/{name}/password", async (string name, HttpContext http, UserAdministration users) =>
        {
            var change = await users.ResetPasswordAsync(http.User, name, cancellationToken: http.RequestAborted);
            return change.Outcome == UserChangeOutcome.Done ? Results.Ok(new { name, password = change.Password }) : Refusal(change);
        }).WithSummary("Resets the password to a new random one, answered once.");
        group.MapPut("/{name}/role", async (string name, RoleChange request, HttpContext http, UserAdministration users) =>
            NoContentOr(await users.ChangeRoleAsync(http.User, name, request.Role, http.RequestAborted)));
        group.MapPost("/{name}/disable", async (string name, HttpContext http, UserAdministration users) =>
            NoContentOr(await users.SetDisabledAsync(http.User, name, true, http.RequestAborted)))
            .WithSummary("The account can no longer sign in; its cookies and tokens stop working at once.");
        group.MapPost("/{name}/enable", async (string name, HttpContext http, UserAdministration users) =>
            NoContentOr(await users.SetDisabledAsync(http.User, name, false, http.RequestAborted)));
        return api;
    }

    private static IResult NoContentOr(UserChange change) => change.Outcome == UserChangeOutcome.Done ? Results.NoContent() : Refusal(change);

    private static IResult Refusal(UserChange change) => change.Outcome switch
    {
        UserChangeOutcome.Invalid => Problems.Invalid(new Dictionary<string, string[]> { [change.Field!] = [change.Problem!] }),
        UserChangeOutcome.NotFound => Problems.NotFound(change.Problem!),
        UserChangeOutcome.Conflict => Problems.Conflict(change.Problem!),
        _ => Problems.Forbidden(change.Problem!),
    };
}
