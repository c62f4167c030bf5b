using Forgetless.Data.Entities;

namespace Forgetless.Web.Service.Live;

/// <summary>A run moved to <paramref name="Status"/>; <paramref name="Error"/> says why when it failed or was interrupted.</summary>
public sealed record RunStatusChange(int RunId, int ExperimentId, RunStatus Status, string? Error, DateTime Time);
