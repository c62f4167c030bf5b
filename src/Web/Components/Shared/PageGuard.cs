using System.Security.Claims;
using Forgetless.Web.Auth;
using Forgetless.Web.Features.SignIn;
using Forgetless.Web.Service.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Forgetless.Web.Components.Shared;

/// <summary>
/// The server-side check behind every page action (one per circuit): the same ownership rules as the API, a snackbar
/// saying why when refused, and the audit entry when done. Pages also hide what the user may not do, but only this counts.
/// Someone not signed in is sent to sign in, told why, and brought back to the page afterwards.
/// </summary>
public sealed class PageGuard(AuthenticationStateProvider authentication, UserAccounts accounts, Ownership ownership, AuditLog audit, ISnackbar snackbar,
    NavigationManager navigation)
{
    /// <summary>
    /// The user as the database has them now, not as they were when the circuit opened: a role taken away or an account
    /// disabled while a page is open counts at the next click.
    /// </summary>
    public async Task<ClaimsPrincipal> UserAsync() => await accounts.CurrentAsync((await authentication.GetAuthenticationStateAsync()).User);

    /// <summary>
    /// The user's name when they may create things (admin or member); else answers null, telling a viewer why and sending
    /// someone not signed in to the sign-in page with <paramref name="reason"/> (a <see cref="SignInReasons"/> key).
    /// </summary>
    public async Task<string?> WriterAsync(string? reason = null)
    {
        var user = await UserAsync();
        if (Access.CanWrite(user)) return user.Identity!.Name;
        if (user.Identity?.IsAuthenticated == true)
        {
            snackbar.Add("Viewers can read but not change anything.", Severity.Warning);
        }
        else
        {
            // A full load: the sign-in page is a plain form outside the circuit.
            navigation.NavigateTo(SignInReasons.SignInLink("/" + navigation.ToBaseRelativePath(navigation.Uri), reason), forceLoad: true);
        }

        return null;
    }

    /// <summary>True when the user may change the thing; else says why.</summary>
    public async Task<bool> MayActAsync(OwnedKind kind, int id)
    {
        var user = await UserAsync();
        var outcome = await ownership.CheckAsync(user, kind, id);
        if (outcome == AccessOutcome.Allowed) return true;
        var noun = kind.ToString().ToLowerInvariant();
        snackbar.Add(outcome == AccessOutcome.NotFound ? $"That {noun} no longer exists."
            : Access.CanWrite(user) ? $"Only its owner or an admin may change this {noun}." : "Viewers can read but not change anything.", Severity.Warning);
        return false;
    }

    /// <summary>For showing buttons: may the user change a thing owned by <paramref name="owner"/>.</summary>
    public async Task<bool> CanActOnAsync(string owner) => Access.CanActOn(await UserAsync(), owner);

    public async Task AuditAsync(string action, string kind, int id, int? experimentId = null, string detail = "") =>
        await audit.RecordAsync((await UserAsync()).Identity?.Name ?? "unknown", action, kind, id, experimentId, detail);

    public async Task AuditRunAsync(string action, int runId) => await audit.RecordRunAsync((await UserAsync()).Identity?.Name ?? "unknown", action, runId);
}
