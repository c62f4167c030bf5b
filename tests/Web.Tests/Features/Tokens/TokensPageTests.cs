using Bunit;
using Forgetless.Data;
using Forgetless.Web.Auth;
using Forgetless.Web.Features.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Web.Tests.Features.Tokens;

/// <summary>The personal API tokens page over the real token service: a token is shown once, works, and stops when revoked.</summary>
public sealed class TokensPageTests : SignedInPageContext
{
    private ApiTokens Tokens => Services.GetRequiredService<ApiTokens>();

    [Fact]
    public async Task A_new_token_is_shown_once_with_a_copy_button_and_stands_for_its_user()
    {
        SignIn("vic");
        var (page, _) = RenderPage<TokensPage>();
        page.WaitForElement("#tokens-table", Patience);

        page.Find("#new-token-name").Change("notebook");
        page.Find("#create-token").Click();

        var secret = page.WaitForElement("#shown-token-value", Patience).TextContent;
        Assert.Equal("vic", (await Tokens.AuthenticateAsync(secret))?.Identity?.Name);
        page.Find("#copy-token").Click();
        Assert.Equal(secret, JSInterop.VerifyInvoke("navigator.clipboard.writeText").Arguments[0]);

        var row = page.WaitForElement("#tokens-table tbody tr", Patience);
        Assert.Contains("notebook", row.TextContent);
        Assert.Contains(secret[..8] + "…", row.TextContent);
        Assert.Equal("live", row.QuerySelector(".token-state")!.TextContent);
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal([ApiTokens.Hash(secret)], await db.ApiTokens.Select(t => t.TokenHash).ToListAsync()); // only the hash is kept
        }

        var again = Render<TokensPage>(); // another visit: the list, never the token
        again.WaitForElement("#tokens-table tbody tr", Patience);
        Assert.DoesNotContain(secret, again.Markup);
        Assert.Contains(await Audit.QueryAsync(actor: "vic"), a => a is { Action: "created", TargetKind: "token", Detail: "notebook" });
    }

    [Fact]
    public async Task Revoking_a_token_stops_it_at_once()
    {
        SignIn("mia");
        var (token, secret, _) = await Tokens.CreateAsync(await UserIdAsync("mia"), "script");
        var (page, snackbars) = RenderPage<TokensPage>();

        page.WaitForElement($".revoke-token[data-token='{token!.Id}']", Patience).Click();

        page.WaitForAssertion(() => Assert.Equal("revoked", page.Find("#tokens-table .token-state").TextContent), Patience);
        Assert.Empty(page.FindAll(".revoke-token"));
        Assert.Null(await Tokens.AuthenticateAsync(secret!));
        snackbars.WaitForAssertion(() => Assert.Contains("Revoked 'script'", snackbars.Markup), Patience);
        Assert.Contains(await Audit.QueryAsync(actor: "mia"), a => a is { Action: "revoked", TargetKind: "token" } && a.TargetId == token.Id);
    }

    [Fact]
    public async Task A_user_sees_only_their_own_tokens()
    {
        await Tokens.CreateAsync(await UserIdAsync("admin"), "admin-only");
        await Tokens.CreateAsync(await UserIdAsync("mia"), "mine");
        SignIn("mia");

        var (page, _) = RenderPage<TokensPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#tokens-table tbody tr")), Patience);
        Assert.Contains("mine", page.Find("#tokens-table").TextContent);
        Assert.DoesNotContain("admin-only", page.Markup);
    }

    [Fact]
    public async Task A_token_without_a_name_is_refused_with_the_reason_and_nothing_is_stored()
    {
        SignIn("mia");
        var (page, snackbars) = RenderPage<TokensPage>();
        page.WaitForElement("#tokens-table", Patience);

        page.Find("#create-token").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("A token name has 1 to 100 characters.", snackbars.Markup), Patience);
        Assert.Empty(page.FindAll("#shown-token"));
        Assert.Empty(await Tokens.ListAsync(await UserIdAsync("mia")));
    }

    [Fact]
    public async Task A_disabled_account_with_an_open_page_creates_no_token()
    {
        SignIn("mia");
        var (page, _) = RenderPage<TokensPage>();
        page.WaitForElement("#tokens-table", Patience);
        Assert.True(await Accounts.SetDisabledAsync("mia", true));

        page.Find("#new-token-name").Change("late");
        page.Find("#create-token").Click();

        Assert.Empty(await Tokens.ListAsync(await UserIdAsync("mia")));
        Assert.Empty(page.FindAll("#shown-token"));
    }

    private async Task<int> UserIdAsync(string name) => (await Accounts.FindAsync(name))!.Id;
}
