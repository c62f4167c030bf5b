namespace Forgetless.Web.Service.Models;

public enum ModelDeleteOutcome
{
    Deleted,
    NotFound,

    /// <summary>An experiment uses the model.</summary>
    InUse,

    /// <summary>Presets are part of the engine.</summary>
    BuiltIn,
}
