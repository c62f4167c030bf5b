namespace Forgetless.Web.Auth;

public enum UserChangeOutcome
{
    Done,
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
}

/// <summary>
/// What an admin's change to a user came to. <see cref="Field"/> names the bad input when <see cref="UserChangeOutcome.Invalid"/>;
/// <see cref="Password"/> is a generated password, shown once and never stored.
/// </summary>
public sealed record UserChange(UserChangeOutcome Outcome, string? Problem = null, string? Field = null, string? Password = null)
{
    public static UserChange Done(string? password = null) => new(UserChangeOutcome.Done, Password: password);

    public static UserChange Invalid(string field, string problem) => new(UserChangeOutcome.Invalid, problem, field);

    public static UserChange NoSuchUser(string name) => new(UserChangeOutcome.NotFound, $"No user is called '{name}'.");

    public static readonly UserChange NotAdmin = new(UserChangeOutcome.Forbidden, "Only an admin may manage users.");
}

/// <summary>One row of the user list: what an admin sees (never the password hash).</summary>
public sealed record UserView(string Name, string Role, bool Disabled, DateTime CreatedAt);
