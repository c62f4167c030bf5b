namespace Forgetless.Web.Auth;

/// <summary>The answer to "may this user act on that thing": 404 and 403 are told apart so callers can say why.</summary>
public enum AccessOutcome
{
    Allowed,
    NotFound,
    Forbidden,
}
