namespace Forgetless.Training.Schedules;

/// <summary>
/// Decides, step by step, which objective(s) to train (paper §2). The trainer asks for a plan, runs it, and
/// reports the losses back. Everything a schedule remembers (random state, stale estimates) round-trips through
/// <see cref="SaveState"/> and <see cref="RestoreState"/>, so a resumed run makes the same choices.
/// </summary>
public interface ISchedule
{
    /// <summary>A short label such as "alright" used in results and metrics.</summary>
    string Name { get; }

    /// <summary>The plan for the 0-based <paramref name="step"/>.</summary>
    StepPlan Plan(long step, IObjectiveProbe probe);

    void Observe(StepLosses losses);

    string SaveState();

    void RestoreState(string state);
}
