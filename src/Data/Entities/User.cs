namespace Forgetless.Data.Entities;

/// <summary>A person who can sign in. The hash is produced by ASP.NET's password hasher in the web app.</summary>
public sealed class User
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string PasswordHash { get; set; }

    public UserRole Role { get; set; } = UserRole.Member;

    /// <summary>A disabled account cannot sign in, and its cookies and tokens stop working.</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }
}
