using Forgetless.Web.Auth;

namespace Forgetless.Web.Api;

/// <summary>The ownership check every changing endpoint makes first: null when the caller may act, else 403 or 404 problem details.</summary>
public static class OwnerGuard
{
    public static async Task<IResult?> RefuseAsync(HttpContext http, Ownership ownership, OwnedKind kind, int id)
    {
        var noun = kind.ToString().ToLowerInvariant();
        return await ownership.CheckAsync(http.User, kind, id, http.RequestAborted) switch
        {
            AccessOutcome.Allowed => null,
            AccessOutcome.NotFound => Problems.NotFound($"No {noun} has id {id}."),
            _ => Problems.Forbidden(Access.CanWrite(http.User)
                ? $"Only its owner or an admin may change {noun} {id}."
                : "Viewers can read but not change anything."),
        };
    }

    public static string Actor(HttpContext http) => http.User.Identity?.Name ?? "unknown";
}
