namespace Forgetless.Web.Features.SignIn;

/// <summary>
/// Why a page sent someone to sign in, as a short key in the sign-in link (<c>?reason=paper</c>). Only these sentences are
/// shown: the link is the page's own, but free text from a URL on a sign-in form would be a phisher's gift.
/// </summary>
public static class SignInReasons
{
    public const string Paper = "paper", Sweep = "sweep", Launch = "launch", Upload = "upload", Import = "import", Session = "session";

    private static readonly Dictionary<string, string> Actions = new(StringComparer.OrdinalIgnoreCase)
    {
        [Paper] = "run the paper's comparison",
        [Sweep] = "run the full λ sweep",
        [Launch] = "launch an experiment",
        [Upload] = "upload a dataset",
        [Import] = "import a model",
        [Session] = "carry on: your session ended (the server was redeployed, or an admin changed your account)",
    };

    /// <summary>"Sign in to run the paper's comparison." for a known key, else null.</summary>
    public static string? Sentence(string? reason) =>
        reason is not null && Actions.TryGetValue(reason, out var action) ? $"Sign in to {action}." : null;

    /// <summary>The sign-in page's address: back to <paramref name="returnUrl"/> afterwards, saying why.</summary>
    public static string SignInLink(string returnUrl, string? reason) =>
        "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl) + (reason is null ? "" : "&reason=" + Uri.EscapeDataString(reason));
}
