using Bunit;
using Bunit.TestDoubles;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Web.Auth;
using Forgetless.Web.Service.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Forgetless.Web.Tests.Features;

/// <summary>
/// A page rendered for a signed-in user over the real account services on a real SQLite file: "admin" (admin), "mia"
/// (member) and "vic" (viewer), each with the password "NAME-password".
/// </summary>
public abstract class SignedInPageContext : BunitTestContext, IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90); // a loaded 2-core machine

    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "forgetless-page-tests", Guid.NewGuid().ToString("n"));
    private readonly BunitAuthorizationContext authorization;

    protected SignedInPageContext()
        : this(null)
    {
    }

    /// <param name="moreServices">What the page needs beyond the accounts (given the test's data folder), registered before anything is resolved.</param>
    protected SignedInPageContext(Action<IServiceCollection, string>? moreServices)
    {
        Directory.CreateDirectory(dataDir);
        Services.AddLogging();
        Services.AddData(StoreConnection.ForFile(Path.Combine(dataDir, "forgetless.db")));
        Services.AddSingleton<UserAccounts>();
        Services.AddSingleton<UserAdministration>();
        Services.AddSingleton<ApiTokens>();
        Services.AddSingleton<AuditLog>();
        moreServices?.Invoke(Services, dataDir);
        authorization = AddAuthorization();
        BeInteractive();
        DatabaseInitializer.MigrateAsync(Services.GetRequiredService<IDbContextFactory<AppDbContext>>()).GetAwaiter().GetResult();
        foreach (var (name, role) in new[] { ("admin", UserRole.Admin), ("mia", UserRole.Member), ("vic", UserRole.Viewer) })
        {
            Assert.Null(Accounts.CreateAsync(name, name + "-password", role).GetAwaiter().GetResult());
        }
    }

    protected UserAccounts Accounts => Services.GetRequiredService<UserAccounts>();

    protected AuditLog Audit => Services.GetRequiredService<AuditLog>();

    /// <summary>Signs <paramref name="name"/> in as the cookie would: name, id and role claims (the pages read the store again anyway).</summary>
    protected void SignIn(string name)
    {
        var user = Accounts.FindAsync(name).GetAwaiter().GetResult()!;
        authorization.SetAuthorized(name);
        authorization.SetRoles(Access.ClaimValue(user.Role));
        authorization.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The page with the providers the layout gives it, so snackbars and popovers render.</summary>
    protected (IRenderedComponent<TPage> Page, IRenderedComponent<MudSnackbarProvider> Snackbars) RenderPage<TPage>() where TPage : IComponent
    {
        Render<MudPopoverProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        return (Render<TPage>(), snackbars);
    }

    void IDisposable.Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
