using System.Security.Claims;
using System.Security.Cryptography;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Auth;

/// <summary>Users: password check, creation, and the first-run admin account.</summary>
public sealed class UserAccounts(IDbContextFactory<AppDbContext> dbFactory, ILogger<UserAccounts> logger)
{
    public const string AdminName = "admin";
    private readonly PasswordHasher<User> hasher = new();

    /// <summary>The signed-in principal for <paramref name="name"/>, or null when the name or password is wrong.</summary>
    public async Task<ClaimsPrincipal?> CheckAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Name == name, cancellationToken);
        if (user is null || hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return null;
        }

        Claim[] claims = [new(ClaimTypes.Name, user.Name), new(ClaimTypes.NameIdentifier, user.Id.ToString()), new(ClaimTypes.Role, user.IsAdmin ? "admin" : "user")];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public async Task CreateAsync(string name, string password, bool isAdmin, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = new User { Name = name, PasswordHash = "", IsAdmin = isAdmin, CreatedAt = DateTime.UtcNow };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
    }

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

        var password = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);
        await CreateAsync(AdminName, password, isAdmin: true, cancellationToken);
        await File.WriteAllTextAsync(passwordFile, password + Environment.NewLine, cancellationToken);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Console.WriteLine($"forgetless: first start: sign in as '{AdminName}' with password {password} (also in {passwordFile})");
        logger.LogInformation("Created the first-run admin account; its password is in {PasswordFile}", passwordFile);
    }
}
