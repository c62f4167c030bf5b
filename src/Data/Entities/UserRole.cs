namespace Forgetless.Data.Entities;

/// <summary>What a user may do: admins act on everything, members on what they own, viewers only read.</summary>
public enum UserRole
{
    Admin,
    Member,
    Viewer,
}
