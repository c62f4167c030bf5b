namespace Forgetless.Web.Service.Experiments;

public enum RunCommandOutcome
{
    Done,
    NotFound,

    /// <summary>The run's status does not allow it (e.g. resuming a completed run).</summary>
    WrongState,
}
