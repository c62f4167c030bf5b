using Forgetless.Web.Auth;
using Forgetless.Web.Service.Audit;

namespace Forgetless.Web.Api;

/// <summary>/api/users (admins only): list, create, reset a password, change a role, disable or enable an account. Audited.</summary>
public static class UsersApi
{
    public sealed record UserView(string Name, string Role, bool Disabled, DateTime CreatedAt);

    public sealed record NewUser(string Name, string Role, string? Password);

    public sealed record RoleChange(string Role);

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Access.AdminPolicy);
        group.MapGet("/", async (UserAccounts users, CancellationToken ct) =>
            (await users.ListAsync(ct)).Select(u => new UserView(u.Name, Access.ClaimValue(u.Role), u.IsDisabled, u.CreatedAt)));
        group.MapPost("/", async (NewUser request, HttpContext http, UserAccounts users, AuditLog audit) =>
        {
            if (!Access.TryParseRole(request.Role, out var role)) return Problems.Invalid(new Dictionary<string, string[]> { ["role"] = ["Use admin, member or viewer."] });
            var password = request.Password ?? UserAccounts.NewPassword();
            if (await users.CreateAsync(request.Name, password, role, http.RequestAborted) is { } problem)
            {
                return Problems.Invalid(new Dictionary<string, string[]> { [problem.Contains("assword", StringComparison.Ordinal) ? "password" : "name"] = [problem] });
            }

            await AuditUserAsync(http, audit, request.Name, "created", Access.ClaimValue(role));
            return Results.Created($"/api/users/{Uri.EscapeDataString(request.Name)}", new { name = request.Name, role = Access.ClaimValue(role), password });
        }).WithSummary("Creates a user; answers the password once (a random one unless given).");
        group.MapPost("/{name}/password", async (string name, HttpContext http, UserAccounts users, AuditLog audit) =>
        {
            var password = UserAccounts.NewPassword();
            if (!await users.SetPasswordAsync(name, password, http.RequestAborted)) return Problems.NotFound($"No user is called '{name}'.");
            await AuditUserAsync(http, audit, name, "password-reset", "");
            return Results.Ok(new { name, password });
        }).WithSummary("Resets the password to a new random one, answered once.");
        group.MapPut("/{name}/role", async (string name, RoleChange change, HttpContext http, UserAccounts users, AuditLog audit) =>
        {
            if (!Access.TryParseRole(change.Role, out var role)) return Problems.Invalid(new Dictionary<string, string[]> { ["role"] = ["Use admin, member or viewer."] });
            if (!await users.SetRoleAsync(name, role, http.RequestAborted)) return Problems.NotFound($"No user is called '{name}'.");
            await AuditUserAsync(http, audit, name, "role-changed", Access.ClaimValue(role));
            return Results.NoContent();
        });
        group.MapPost("/{name}/disable", (string name, HttpContext http, UserAccounts users, AuditLog audit) => SetDisabledAsync(name, true, http, users, audit))
            .WithSummary("The account can no longer sign in; its cookies and tokens stop working at once.");
        group.MapPost("/{name}/enable", (string name, HttpContext http, UserAccounts users, AuditLog audit) => SetDisabledAsync(name, false, http, users, audit));
        return api;
    }

    private static async Task<IResult> SetDisabledAsync(string name, bool disabled, HttpContext http, UserAccounts users, AuditLog audit)
    {
        if (disabled && name == http.User.Identity?.Name) return Problems.Conflict("You cannot disable your own account.");
        if (!await users.SetDisabledAsync(name, disabled, http.RequestAborted)) return Problems.NotFound($"No user is called '{name}'.");
        await AuditUserAsync(http, audit, name, disabled ? "disabled" : "enabled", "");
        return Results.NoContent();
    }

    private static async Task AuditUserAsync(HttpContext http, AuditLog audit, string name, string action, string detail)
    {
        var id = (await http.RequestServices.GetRequiredService<UserAccounts>().FindAsync(name, http.RequestAborted))?.Id ?? 0;
        await audit.RecordAsync(OwnerGuard.Actor(http), action, "user", id, detail: string.IsNullOrEmpty(detail) ? name : $"{name}: {detail}");
    }
}
