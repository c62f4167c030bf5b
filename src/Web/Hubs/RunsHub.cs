using Microsoft.AspNetCore.SignalR;

namespace Forgetless.Web.Hubs;

/// <summary>
/// SignalR hub at <c>/hubs/runs</c> for outside clients. Call <c>JoinRun(runId)</c> (or <c>JoinExperiment</c>)
/// and receive <c>"metrics"</c> (<see cref="Service.Live.RunMetricBatch"/>) and <c>"status"</c>
/// (<see cref="Service.Live.RunStatusChange"/>) messages. Blazor pages use <see cref="Service.Live.RunLiveFeed"/> instead.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class RunsHub : Hub
{
    public const string Path = "/hubs/runs";
    public const string MetricsMessage = "metrics";
    public const string StatusMessage = "status";

    public static string RunGroup(int runId) => $"run-{runId}";

    public static string ExperimentGroup(int experimentId) => $"experiment-{experimentId}";

    public Task JoinRun(int runId) => Groups.AddToGroupAsync(Context.ConnectionId, RunGroup(runId));

    public Task LeaveRun(int runId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, RunGroup(runId));

    /// <summary>Status changes of every run of an experiment (metrics stay per run).</summary>
    public Task JoinExperiment(int experimentId) => Groups.AddToGroupAsync(Context.ConnectionId, ExperimentGroup(experimentId));
}
