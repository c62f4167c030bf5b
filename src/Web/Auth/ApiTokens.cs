using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Training.Datasets;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Auth;

/// <summary>
/// Personal API tokens: "fl_" + 32 random bytes (base64url). Only the SHA-256 is stored, so the token is shown once;
/// a fast hash is enough because the token is random, not a password.
/// </summary>
public sealed class ApiTokens(IDbContextFactory<AppDbContext> dbFactory)
{
    public const string Scheme = "Bearer";
    private const string TokenPrefix = "fl_";

    public sealed record TokenSummary(int Id, string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

    /// <summary>The new token's row and the token itself (never stored), or the problem with the name.</summary>
    public async Task<(TokenSummary? Token, string? Secret, string? Problem)> CreateAsync(int userId, string? name, CancellationToken cancellationToken = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100) return (null, null, "A token name has 1 to 100 characters.");
        if (TextChecks.Problem(name, allowLineBreaks: false) is { } problem) return (null, null, $"The name {problem}.");
        var secret = TokenPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken { UserId = userId, Name = name, TokenHash = Hash(secret), Prefix = secret[..8], CreatedAt = DateTime.UtcNow };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return (Summary(token), secret, null);
    }

    public async Task<IReadOnlyList<TokenSummary>> ListAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        return [.. tokens.Select(Summary)];
    }

    /// <summary>Revokes one of the user's own tokens; false when the user has no such token.</summary>
    public async Task<bool> RevokeAsync(int userId, int tokenId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, DateTime.UtcNow), cancellationToken) == 1;
    }

    /// <summary>The principal a live token stands for: its user must exist and be enabled, the token not revoked.</summary>
    public async Task<ClaimsPrincipal?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal)) return null;
        var hash = Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.Include(t => t.User).SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is not { RevokedAt: null, User: { IsDisabled: false } user }) return null;
        token.LastUsedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return UserAccounts.Principal(user, Scheme);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static TokenSummary Summary(ApiToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt);
}
