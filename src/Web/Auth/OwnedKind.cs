namespace Forgetless.Web.Auth;

/// <summary>The things a member owns; each has one owner column (uploader, creator or launcher).</summary>
public enum OwnedKind
{
    Dataset,
    Model,
    Experiment,
    Run,
}
