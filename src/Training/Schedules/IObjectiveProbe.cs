namespace Forgetless.Training.Schedules;

/// <summary>
/// Lets a schedule look at both objectives before it decides (MAXRIGHT). The trainer implements it on the
/// current step's batches: calling it draws both batches and runs both losses without gradients.
/// </summary>
public interface IObjectiveProbe
{
    ObjectiveLosses EvaluateWithoutGradients();
}
