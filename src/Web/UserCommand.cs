using Forgetless.Data;
using Forgetless.Web.Auth;
using Forgetless.Web.Service.Audit;
using Forgetless.Web.Service.Storage;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web;

/// <summary>
/// <c>./forgetless user add|reset|disable|enable NAME [--role admin|member|viewer] [--password P] [--data-dir DIR] [--store CONNECTION]</c>:
/// manages accounts on the store <c>serve</c> uses, through the same <see cref="UserAdministration"/> as the API and the Users
/// page (audited as "command-line"). A generated password is printed once; exit 1 when refused, 2 for bad usage.
/// </summary>
public static class UserCommand
{
    public const string Usage = "usage: ./forgetless user add|reset|disable|enable NAME [--role admin|member|viewer] [--password P] [--data-dir DIR] [--store CONNECTION]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal) || args[0] is not ("add" or "reset" or "disable" or "enable"))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var (action, name) = (args[0], args[1]);
        var (role, password, hostArgs) = (action == "add" ? Access.Member : null, (string?)null, new List<string>());
        for (var i = 2; i < args.Length; i++)
        {
            var option = args[i];
            if (option is not ("--role" or "--password"))
            {
                hostArgs.Add(option);
                continue;
            }

            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                await error.WriteLineAsync($"user: {option} needs a value");
                return 2;
            }

            if ((option == "--role" && action != "add") || (option == "--password" && action is not ("add" or "reset")))
            {
                await error.WriteLineAsync($"user: {option} does not apply to '{action}'");
                return 2;
            }

            if (option == "--role") role = args[++i];
            else password = args[++i];
        }

        using var host = BuildHost(hostArgs);
        await PrepareStoreAsync(host.Services);
        var users = host.Services.GetRequiredService<UserAdministration>();
        var actor = UserAdministration.CommandLine;
        var change = action switch
        {
            "add" => await users.CreateAsync(actor, name, role, password),
            "reset" => await users.ResetPasswordAsync(actor, name, password),
            _ => await users.SetDisabledAsync(actor, name, action == "disable"),
        };
        if (change.Outcome != UserChangeOutcome.Done)
        {
            await error.WriteLineAsync($"user {action}: {(change.Field is { } field ? $"{field}: " : "")}{change.Problem}");
            return 1;
        }

        await output.WriteLineAsync(action switch
        {
            "add" => $"Created {Access.ClaimValue(Parse(role))} '{name}'.",
            "reset" => $"Reset the password of '{name}'.",
            "disable" => $"Disabled '{name}': it can no longer sign in, and its sessions and API tokens stop working.",
            _ => $"Enabled '{name}'.",
        });
        if (change.Password is { } generated) await output.WriteLineAsync($"Password (shown once): {generated}");
        return 0;
    }

    private static Data.Entities.UserRole Parse(string? role) => Access.TryParseRole(role, out var parsed) ? parsed : Data.Entities.UserRole.Viewer;

    private static IHost BuildHost(List<string> hostArgs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. CommandLine.HostArguments([.. hostArgs])],
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The verb's own lines on stdout; only errors are logged, on stderr (a fresh store's migration warnings are noise here).
        builder.Configuration["Logging:LogLevel:Default"] = "Error";
        builder.Configuration["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error";
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddForgetlessStore();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<UserAccounts>();
        builder.Services.AddSingleton<UserAdministration>();
        return builder.Build();
    }

    // As serve's first start would: the latest schema, and the admin account on a store that has no users yet (so adding
    // someone before the first serve cannot leave the workspace without an admin).
    private static async Task PrepareStoreAsync(IServiceProvider services)
    {
        await DatabaseInitializer.MigrateAsync(services.GetRequiredService<IDbContextFactory<AppDbContext>>());
        await services.GetRequiredService<UserAccounts>().EnsureAdminAsync(services.GetRequiredService<DataDirectory>().AdminPasswordPath);
    }
}
