namespace Forgetless.Data.Entities;

/// <summary>A person who can sign in. The hash is produced by ASP.NET's password hasher in the web app.</summary>
public sealed class User
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string PasswordHash { get; set; }

    public bool IsAdmin { get; set; }

    public DateTime CreatedAt { get; set; }
}
