using Forgetless.Data.Entities;
using Forgetless.Web.Auth;
using Forgetless.Web.Components.Shared;
using Forgetless.Web.Features.SignIn;
using Forgetless.Web.Tests.Features;
using Forgetless.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Forgetless.Web.Tests.Components.Shared;

/// <summary>The check behind every page action reads the account from the store at each click, not from the open circuit.</summary>
public sealed class PageGuardTests : SignedInPageContext
{
    private PageGuard Guard => new(Services.GetRequiredService<AuthenticationStateProvider>(), Accounts,
        new Ownership(Services.GetRequiredService<IDbContextFactory<AppDbContext>>()), Audit, Services.GetRequiredService<ISnackbar>(),
        Services.GetRequiredService<NavigationManager>());

    [Fact]
    public async Task A_member_made_viewer_while_a_page_is_open_can_no_longer_write()
    {
        SignIn("mia");
        Assert.Equal("mia", await Guard.WriterAsync());

        Assert.True(await Accounts.SetRoleAsync("mia", UserRole.Viewer));

        Assert.Null(await Guard.WriterAsync());
    }

    [Fact]
    public async Task A_member_disabled_while_a_page_is_open_is_nobody()
    {
        SignIn("mia");
        Assert.True(await Accounts.SetDisabledAsync("mia", disabled: true));

        Assert.False((await Guard.UserAsync()).Identity?.IsAuthenticated ?? false);
        Assert.Null(await Guard.WriterAsync());
    }

    [Fact]
    public async Task Someone_not_signed_in_is_sent_to_sign_in_told_why_and_brought_back_to_the_page()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/datasets?sort=name");

        Assert.Null(await Guard.WriterAsync(SignInReasons.Upload));

        Assert.Equal("/account/login?returnUrl=%2Fdatasets%3Fsort%3Dname&reason=upload", "/" + navigation.ToBaseRelativePath(navigation.Uri));
    }

    [Fact]
    public async Task A_viewer_stays_on_the_page()
    {
        SignIn("vic");
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/datasets");

        Assert.Null(await Guard.WriterAsync(SignInReasons.Upload));

        Assert.EndsWith("/datasets", navigation.Uri);
    }
}
