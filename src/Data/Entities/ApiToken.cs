namespace Forgetless.Data.Entities;

/// <summary>A personal token for scripts (<c>Authorization: Bearer</c>). Only its SHA-256 is stored; the token is shown once.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }

    public int UserId { get; set; }

    public User? User { get; set; }

    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The token's first characters, so a user can tell tokens apart in the list.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
