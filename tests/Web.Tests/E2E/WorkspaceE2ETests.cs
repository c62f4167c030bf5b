using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Forgetless.Web.Tests.Api.Workspace;
using Microsoft.Playwright;

namespace Forgetless.Web.Tests.E2E;

/// <summary>Two people and a stranger in real Chromium: the admin adds a member, who sees the admin's work but cannot touch it.</summary>
[Trait("Category", "E2E")]
public class WorkspaceE2ETests
{
    [SkippableFact]
    public async Task The_admin_adds_a_member_who_sees_the_admins_experiment_but_is_refused_its_buttons_and_a_stranger_sees_only_sign_in()
    {
        Browser.SkipUnlessChromium();
        await using var app = new KestrelAppFactory(train: false); // the admin's run stays Queued, so Cancel is there to press
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Add("Origin", app.BaseUrl);
        (await api.PostAsJsonAsync("/api/auth/login", new { name = "admin", password = app.AdminPassword() })).EnsureSuccessStatusCode();
        var (experimentId, runId) = await Things.ExperimentAsync(api, "admins-comparison");
        var datasetId = await Things.UploadAsync(api, Uploads.Alpaca.Replace("Blue", "Green", StringComparison.Ordinal), "admins-unused");
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);

        // The admin creates the member on the Users page and reads the password shown once.
        var admin = browser.Page;
        await Browser.SignInAsync(admin, "admin", app.AdminPassword());
        await Browser.GoToAsync(admin, "/admin/users");
        await admin.FillAsync("#new-user-name", "mona");
        await admin.Locator("#new-user-name").BlurAsync();
        await admin.ClickAsync("#create-user");
        var password = await admin.Locator("#shown-password-value").InnerTextAsync();
        await admin.Locator("#users-table tr:has-text('mona') .set-role.mud-button-filled[data-role=member]").WaitForAsync();
        await browser.ScreenshotAsync("workspace-users");

        // The member, in a browser of her own, sees the admin's experiment ...
        var member = await browser.NewVisitorAsync();
        await Browser.SignInAsync(member, "mona", password);
        await Browser.GoToAsync(member, $"/experiments/{experimentId}");
        await member.GetByText("admins-comparison").First.WaitForAsync();
        Assert.Equal(0, await member.Locator("a[href='/admin/users']").CountAsync()); // no Users link for members

        // ... but Cancel on its run and Delete on its dataset are refused by the server.
        await Browser.GoToAsync(member, $"/runs/{runId}");
        await member.ClickAsync("#cancel-run");
        await member.GetByText("Only its owner or an admin may change this run.").WaitForAsync();
        Assert.Equal("Queued", await Things.StatusAsync(api, runId));
        await Browser.GoToAsync(member, "/datasets");
        await member.Locator("#datasets-table tr:has-text('admins-unused') button[aria-label=Delete]").ClickAsync();
        await member.GetByText("Only its owner or an admin may change this dataset.").WaitForAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/datasets/{datasetId}")).StatusCode);
        await Browser.ScreenshotAsync(member, "workspace-member-refused");

        // Her own API token, made on the tokens page, stands for her in scripts.
        await Browser.GoToAsync(member, "/account/tokens");
        await member.FillAsync("#new-token-name", "notebook");
        await member.Locator("#new-token-name").BlurAsync();
        await member.ClickAsync("#create-token");
        var token = await member.Locator("#shown-token-value").InnerTextAsync();
        await member.Locator("#tokens-table tr:has-text('notebook')").WaitForAsync();
        await Browser.ScreenshotAsync(member, "workspace-tokens");
        using var script = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        script.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal("mona", (await script.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/auth/me")).GetProperty("name").GetString());

        // A stranger sees only the sign-in form, wherever they go.
        var stranger = await browser.NewVisitorAsync();
        foreach (var path in new[] { "/admin/users", $"/runs/{runId}", "/account/tokens", "/datasets" })
        {
            await stranger.GotoAsync(path);
            await Assertions.Expect(stranger).ToHaveURLAsync(new Regex("/account/login"));
            await Assertions.Expect(stranger.Locator("#sign-in")).ToHaveCountAsync(1);
            Assert.Equal(0, await stranger.Locator("#cancel-run, #users-table, #datasets-table, #create-token").CountAsync());
        }

        Assert.Empty(browser.ConsoleErrors);
    }
}
