namespace Forgetless.Web.Service.Experiments;

/// <summary>How a delete ended; <see cref="Problem"/> says why it was refused (<see cref="RunCommandOutcome.WrongState"/>).</summary>
public sealed record DeleteOutcome(RunCommandOutcome Outcome, string? Problem = null)
{
    public static DeleteOutcome Done { get; } = new(RunCommandOutcome.Done);

    public static DeleteOutcome NotFound { get; } = new(RunCommandOutcome.NotFound);

    public static DeleteOutcome Refused(string problem) => new(RunCommandOutcome.WrongState, problem);
}
