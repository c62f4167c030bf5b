using System.Security.Claims;
using Forgetless.Data.Entities;
using Forgetless.Web.Service.Audit;

namespace Forgetless.Web.Auth;

/// <summary>
/// An admin's user management, the one path behind <c>/api/users</c>, the Users page and <c>./forgetless user</c>: refuses
/// anyone but an admin, validates, changes the account, and audits the change under the acting user's name.
/// </summary>
public sealed class UserAdministration(UserAccounts accounts, AuditLog audit)
{
    public const string RoleChoices = "Use admin, member or viewer.";

    /// <summary>The command line's actor: whoever can run it on the store's machine can open the store anyway.</summary>
    public static ClaimsPrincipal CommandLine { get; } = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "command-line"), new Claim(ClaimTypes.Role, Access.Admin)], "command-line"));

    /// <summary>Every user, by name; null for anyone but an admin.</summary>
    public async Task<IReadOnlyList<UserView>?> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default) =>
        Access.IsAdmin(actor) ? [.. (await accounts.ListAsync(cancellationToken)).Select(u => new UserView(u.Name, Access.ClaimValue(u.Role), u.IsDisabled, u.CreatedAt))] : null;

    /// <summary>Creates a user with <paramref name="password"/>, or a generated one that the answer carries.</summary>
    public async Task<UserChange> CreateAsync(ClaimsPrincipal actor, string? name, string? role, string? password, CancellationToken cancellationToken = default)
    {
        if (!Access.IsAdmin(actor)) return UserChange.NotAdmin;
        if (!Access.TryParseRole(role, out var parsed)) return UserChange.Invalid("role", RoleChoices);
        if (UserAccounts.NameProblem(name) is { } nameProblem) return UserChange.Invalid("name", nameProblem);
        if (password is not null && UserAccounts.PasswordProblem(password) is { } passwordProblem) return UserChange.Invalid("password", passwordProblem);
        var chosen = password ?? UserAccounts.NewPassword();
        if (await accounts.CreateAsync(name!, chosen, parsed, cancellationToken) is { } problem) return UserChange.Invalid("name", problem);
        await AuditAsync(actor, name!, "created", Access.ClaimValue(parsed), cancellationToken);
        return UserChange.Done(password is null ? chosen : null);
    }

    /// <summary>Sets the password to <paramref name="password"/>, or a generated one that the answer carries.</summary>
    public async Task<UserChange> ResetPasswordAsync(ClaimsPrincipal actor, string name, string? password = null, CancellationToken cancellationToken = default)
    {
        if (!Access.IsAdmin(actor)) return UserChange.NotAdmin;
        if (password is not null && UserAccounts.PasswordProblem(password) is { } passwordProblem) return UserChange.Invalid("password", passwordProblem);
        var chosen = password ?? UserAccounts.NewPassword();
        if (!await accounts.SetPasswordAsync(name, chosen, cancellationToken)) return UserChange.NoSuchUser(name);
        await AuditAsync(actor, name, "password-reset", "", cancellationToken);
        return UserChange.Done(password is null ? chosen : null);
    }

    /// <summary>Admins cannot demote themselves (nor disable themselves), so the page and the API always leave one admin.</summary>
    public async Task<UserChange> ChangeRoleAsync(ClaimsPrincipal actor, string name, string? role, CancellationToken cancellationToken = default)
    {
        if (!Access.IsAdmin(actor)) return UserChange.NotAdmin;
        if (!Access.TryParseRole(role, out var parsed)) return UserChange.Invalid("role", RoleChoices);
        if (parsed != UserRole.Admin && name == actor.Identity?.Name) return new UserChange(UserChangeOutcome.Conflict, "You cannot take the admin role from your own account.");
        if (!await accounts.SetRoleAsync(name, parsed, cancellationToken)) return UserChange.NoSuchUser(name);
        await AuditAsync(actor, name, "role-changed", Access.ClaimValue(parsed), cancellationToken);
        return UserChange.Done();
    }

    /// <summary>A disabled account can no longer sign in, and its cookies and tokens stop working at once. Admins cannot disable themselves.</summary>
    public async Task<UserChange> SetDisabledAsync(ClaimsPrincipal actor, string name, bool disabled, CancellationToken cancellationToken = default)
    {
        if (!Access.IsAdmin(actor)) return UserChange.NotAdmin;
        if (disabled && name == actor.Identity?.Name) return new UserChange(UserChangeOutcome.Conflict, "You cannot disable your own account.");
        if (!await accounts.SetDisabledAsync(name, disabled, cancellationToken)) return UserChange.NoSuchUser(name);
        await AuditAsync(actor, name, disabled ? "disabled" : "enabled", "", cancellationToken);
        return UserChange.Done();
    }

    private async Task AuditAsync(ClaimsPrincipal actor, string name, string action, string detail, CancellationToken cancellationToken)
    {
        var id = (await accounts.FindAsync(name, cancellationToken))?.Id ?? 0;
        await audit.RecordAsync(actor.Identity?.Name ?? "unknown", action, "user", id, detail: string.IsNullOrEmpty(detail) ? name : $"{name}: {detail}", cancellationToken: cancellationToken);
    }
}
