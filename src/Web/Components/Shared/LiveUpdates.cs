namespace Forgetless.Web.Components.Shared;

/// <summary>
/// A live-feed callback's work, run on a component's dispatcher. The feed's callbacks cannot await, so a failure is
/// logged here, never lost with a discarded task.
/// </summary>
public static class LiveUpdates
{
    /// <param name="invokeAsync">The component's InvokeAsync.</param>
    /// <param name="page">What failed to update, for the log: "experiment 3", "run 12", "the compare page".</param>
    public static async Task RunLoggedAsync(Func<Func<Task>, Task> invokeAsync, Func<Task> update, ILogger logger, string page)
    {
        try
        {
            await invokeAsync(update);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Live update of {Page} failed", page);
        }
    }
}
