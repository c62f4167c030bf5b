using Microsoft.AspNetCore.Components.Authorization;

namespace Forgetless.Web.Components.Shared;

/// <summary>The signed-in user's name for authorship (uploads, launches), or null when nobody is signed in.</summary>
public static class CurrentUser
{
    public static async Task<string?> NameAsync(AuthenticationStateProvider provider)
    {
        var state = await provider.GetAuthenticationStateAsync();
        return state.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;
    }
}
