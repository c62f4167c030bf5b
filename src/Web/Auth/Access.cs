using System.Security.Claims;
using Forgetless.Data.Entities;

namespace Forgetless.Web.Auth;

/// <summary>
/// Who may do what: admins act on everything, members create and act on what they own, viewers only read.
/// Checked on the server by every endpoint and page action; hidden buttons are only a courtesy.
/// </summary>
public static class Access
{
    public const string Admin = "admin";
    public const string Member = "member";
    public const string Viewer = "viewer";

    /// <summary>Authorization policy: admins and members (everyone who may create things).</summary>
    public const string WritePolicy = "write";

    /// <summary>Authorization policy: admins only.</summary>
    public const string AdminPolicy = "admin";

    public static string ClaimValue(UserRole role) => role switch
    {
        UserRole.Admin => Admin,
        UserRole.Member => Member,
        _ => Viewer,
    };

    public static bool TryParseRole(string? text, out UserRole role)
    {
        role = UserRole.Viewer;
        switch (text?.Trim().ToLowerInvariant())
        {
            case Admin: role = UserRole.Admin; return true;
            case Member: role = UserRole.Member; return true;
            case Viewer: role = UserRole.Viewer; return true;
            default: return false;
        }
    }

    public static bool IsAdmin(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && user.IsInRole(Admin);

    /// <summary>May create datasets, models and experiments (admins and members).</summary>
    public static bool CanWrite(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && (user.IsInRole(Admin) || user.IsInRole(Member));

    /// <summary>May change or delete a thing whose owner (uploader, creator, launcher) is <paramref name="owner"/>.</summary>
    public static bool CanActOn(ClaimsPrincipal user, string owner) =>
        IsAdmin(user) || (CanWrite(user) && string.Equals(user.Identity?.Name, owner, StringComparison.Ordinal));
}
