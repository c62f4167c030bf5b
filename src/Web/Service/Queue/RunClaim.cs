namespace Forgetless.Web.Service.Queue;

/// <summary>A run a worker holds: its id and the attempt number every write of this stretch carries.</summary>
public sealed record RunClaim(int RunId, int Attempt);
