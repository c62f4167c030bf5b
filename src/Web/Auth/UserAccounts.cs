using System.Security.Claims;
using System.Security.Cryptography;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Training.Datasets;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Auth;

/// <summary>Users: password check, creation, password reset, roles, disabling, and the first-run admin account.</summary>
public sealed class UserAccounts(IDbContextFactory<AppDbContext> dbFactory, ILogger<UserAccounts> logger)
{
    public const string AdminName = "admin";
    public const int MinPasswordLength = 8;
    private const string PasswordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private readonly PasswordHasher<User> hasher = new();

    /// <summary>The signed-in principal for <paramref name="name"/>, or null when the name or password is wrong or the account is disabled.</summary>
    public async Task<ClaimsPrincipal?> CheckAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Name == name, cancellationToken);
        if (user is null || user.IsDisabled || hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return null;
        }

        return Principal(user, CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>The user as claims: name, id and role (<see cref="Access"/>).</summary>
    public static ClaimsPrincipal Principal(User user, string scheme)
    {
        Claim[] claims = [new(ClaimTypes.Name, user.Name), new(ClaimTypes.NameIdentifier, user.Id.ToString()), new(ClaimTypes.Role, Access.ClaimValue(user.Role))];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>
    /// The principal as the store has it now, for page actions in a long-lived circuit: the role may have changed since it
    /// started, and a deleted or disabled account is anonymous.
    /// </summary>
    public async Task<ClaimsPrincipal> CurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var user = principal.Identity is { IsAuthenticated: true, Name: { } name } ? await FindAsync(name, cancellationToken) : null;
        return user is { IsDisabled: false } ? Principal(user, principal.Identity!.AuthenticationType ?? CookieAuthenticationDefaults.AuthenticationScheme) : new ClaimsPrincipal(new ClaimsIdentity());
    }

    public async Task<User?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Name == name, cancellationToken);
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().OrderBy(u => u.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Why <paramref name="name"/> cannot be a user name, or null when it can.</summary>
    public static string? NameProblem(string? name) => name switch
    {
        null or { Length: 0 } => "A name is required.",
        { Length: > 64 } => "A name has at most 64 characters.",
        _ when name.Trim() != name => "A name cannot start or end with a space.",
        _ when TextChecks.Problem(name, allowLineBreaks: false) is { } problem => $"The name {problem}.",
        _ => null,
    };

    public static string? PasswordProblem(string? password) =>
        password is null || password.Length < MinPasswordLength ? $"A password has at least {MinPasswordLength} characters." : null;

    /// <summary>Creates a user; the problem (name taken, bad name or password) when it cannot.</summary>
    public async Task<string?> CreateAsync(string name, string password, UserRole role, CancellationToken cancellationToken = default)
    {
        if ((NameProblem(name) ?? PasswordProblem(password)) is { } problem) return problem;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.Name == name, cancellationToken)) return $"The name '{name}' is taken.";
        var user = new User { Name = name, PasswordHash = "", Role = role, CreatedAt = DateTime.UtcNow };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<bool> SetPasswordAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Name == name, cancellationToken);
        if (user is null) return false;
        user.PasswordHash = hasher.HashPassword(user, password);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> SetRoleAsync(string name, UserRole role, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.Name == name).ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, role), cancellationToken) == 1;
    }

    public async Task<bool> SetDisabledAsync(string name, bool disabled, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.Name == name).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, disabled), cancellationToken) == 1;
    }

    public static string NewPassword() => RandomNumberGenerator.GetString(PasswordAlphabet, 16);

    /// <summary>
    /// On a database with no users, creates "admin" with a random password, prints it and writes it to
    /// <paramref name="passwordFile"/> (readable by the owner only) so a fresh install can sign in at once.
    /// </summary>
    public async Task EnsureAdminAsync(string passwordFile, CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Users.AnyAsync(cancellationToken)) return;
        }

        var password = NewPassword();
        await CreateAsync(AdminName, password, UserRole.Admin, cancellationToken);
        await File.WriteAllTextAsync(passwordFile, password + Environment.NewLine, cancellationToken);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Console.WriteLine($"forgetless: first start: sign in as '{AdminName}' with password {password} (also in {passwordFile})");
        logger.LogInformation("Created the first-run admin account; its password is in {PasswordFile}", passwordFile);
    }
}
