using Bunit;
using Forgetless.Data.Entities;
using Forgetless.Web.Features.Users;

namespace Forgetless.Web.Tests.Features.Users;

/// <summary>The admin's Users page over the real account service: every action changes the store, and only an admin's count.</summary>
public sealed class UsersPageTests : SignedInPageContext
{
    [Fact]
    public void An_admin_sees_every_user_with_role_state_and_creation_time()
    {
        SignIn("admin");
        var (page, _) = RenderPage<UsersPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("#users-table tbody tr").Count), Patience);
        var rows = page.FindAll("#users-table tbody tr");
        Assert.Equal(["admin", "mia", "vic"], rows.Select(r => r.QuerySelector("b")!.TextContent));
        Assert.Equal(["admin", "member", "viewer"], rows.Select(r => r.QuerySelector(".set-role.mud-button-filled")!.GetAttribute("data-role")));
        Assert.All(rows, r => Assert.Equal("active", r.QuerySelector(".user-state")!.TextContent));
        Assert.All(rows, r => Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d UTC$", r.QuerySelector("td[data-label=Created]")!.TextContent.Trim()));
    }

    [Fact]
    public async Task Creating_a_user_shows_its_password_once_and_that_password_signs_in()
    {
        SignIn("admin");
        var (page, _) = RenderPage<UsersPage>();
        page.WaitForElement("#users-table");

        page.Find("#new-user-name").Change("nora");
        page.Find("#create-user").Click();

        var password = page.WaitForElement("#shown-password-value", Patience).TextContent;
        Assert.Contains("nora", page.Find("#shown-password").TextContent);
        var signedIn = await Accounts.CheckAsync("nora", password);
        Assert.True(signedIn?.IsInRole("member"), "the new member signs in with the shown password");
        page.WaitForAssertion(() => Assert.Contains("nora", page.Find("#users-table").TextContent), Patience);
        Assert.Contains(await Audit.QueryAsync(actor: "admin"), a => a is { Action: "created", TargetKind: "user", Detail: "nora: member" });

        page.Find("#shown-password button").Click(); // closed, the password is gone for good
        Assert.DoesNotContain(password, page.Markup);
    }

    [Fact]
    public async Task A_taken_name_is_refused_with_the_reason_and_nothing_changes()
    {
        SignIn("admin");
        var (page, snackbars) = RenderPage<UsersPage>();
        page.WaitForElement("#users-table");

        page.Find("#new-user-name").Change("mia");
        page.Find("#create-user").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("The name 'mia' is taken.", snackbars.Markup), Patience);
        Assert.Empty(page.FindAll("#shown-password"));
        Assert.Equal(UserRole.Member, (await Accounts.FindAsync("mia"))!.Role);
    }

    [Fact]
    public async Task Resetting_a_password_shows_the_new_one_and_the_old_one_stops_working()
    {
        SignIn("admin");
        var (page, _) = RenderPage<UsersPage>();

        page.WaitForElement(".reset-password[data-user=mia]", Patience).Click();

        var password = page.WaitForElement("#shown-password-value", Patience).TextContent;
        Assert.NotNull(await Accounts.CheckAsync("mia", password));
        Assert.Null(await Accounts.CheckAsync("mia", "mia-password"));
    }

    [Fact]
    public async Task Changing_a_role_and_disabling_then_enabling_an_account_change_the_store()
    {
        SignIn("admin");
        var (page, _) = RenderPage<UsersPage>();

        page.WaitForElement(".set-role[data-user=vic][data-role=member]", Patience).Click();
        page.WaitForAssertion(() => Assert.Equal("member", page.Find(".set-role.mud-button-filled[data-user=vic]").GetAttribute("data-role")), Patience);
        Assert.Equal(UserRole.Member, (await Accounts.FindAsync("vic"))!.Role);

        page.Find(".toggle-disabled[data-user=vic]").Click();
        page.WaitForAssertion(() => Assert.Equal("Enable", page.Find(".toggle-disabled[data-user=vic]").TextContent.Trim()), Patience);
        Assert.Null(await Accounts.CheckAsync("vic", "vic-password"));

        page.Find(".toggle-disabled[data-user=vic]").Click();
        page.WaitForAssertion(() => Assert.Equal("Disable", page.Find(".toggle-disabled[data-user=vic]").TextContent.Trim()), Patience);
        Assert.NotNull(await Accounts.CheckAsync("vic", "vic-password"));
        Assert.Equal(["enabled", "disabled", "role-changed"], (await Audit.QueryAsync(targetKind: "user")).Select(a => a.Action));
    }

    [Fact]
    public async Task An_admin_cannot_disable_their_own_account()
    {
        SignIn("admin");
        var (page, snackbars) = RenderPage<UsersPage>();

        page.WaitForElement(".toggle-disabled[data-user=admin]", Patience).Click();

        snackbars.WaitForAssertion(() => Assert.Contains("You cannot disable your own account.", snackbars.Markup), Patience);
        Assert.False((await Accounts.FindAsync("admin"))!.IsDisabled);
    }

    [Fact]
    public async Task An_admin_cannot_take_the_admin_role_from_their_own_account()
    {
        SignIn("admin");
        var (page, snackbars) = RenderPage<UsersPage>();

        page.WaitForElement(".set-role[data-user=admin][data-role=viewer]", Patience).Click();

        snackbars.WaitForAssertion(() => Assert.Contains("You cannot take the admin role from your own account.", snackbars.Markup), Patience);
        Assert.Equal(UserRole.Admin, (await Accounts.FindAsync("admin"))!.Role);
    }

    [Theory]
    [InlineData("mia")]
    [InlineData("vic")]
    public void A_member_or_viewer_gets_the_refusal_and_no_user_list(string name)
    {
        SignIn(name);
        var (page, _) = RenderPage<UsersPage>();

        page.WaitForElement("#users-refused", Patience);
        Assert.Empty(page.FindAll("#users-table"));
        Assert.Empty(page.FindAll("#create-user"));
    }

    [Fact]
    public async Task An_admin_demoted_while_the_page_is_open_is_refused_by_the_server_whatever_buttons_still_show()
    {
        Assert.Null(await Accounts.CreateAsync("ada", "ada-password", UserRole.Admin));
        SignIn("ada");
        var (page, snackbars) = RenderPage<UsersPage>();
        page.WaitForElement("#users-table", Patience);
        Assert.True(await Accounts.SetRoleAsync("ada", UserRole.Member)); // another admin demotes her

        page.Find(".toggle-disabled[data-user=mia]").Click();
        snackbars.WaitForAssertion(() => Assert.Contains("Only an admin may manage users.", snackbars.Markup), Patience);
        Assert.False((await Accounts.FindAsync("mia"))!.IsDisabled);
        page.WaitForElement("#users-refused", Patience); // and the page stops listing users

        Assert.Empty(await Audit.QueryAsync(actor: "ada"));
    }
}
