using Forgetless.Training.Schedules;

namespace Forgetless.Training.Tests.Schedules;

/// <summary>A probe that returns the losses a test scripts and counts how often it was asked.</summary>
internal sealed class ScriptedProbe(Func<int, ObjectiveLosses> lossesForCall) : IObjectiveProbe
{
    public int Calls { get; private set; }

    public static ScriptedProbe Constant(double sft, double dpo) => new(_ => new ObjectiveLosses(sft, dpo));

    public ObjectiveLosses EvaluateWithoutGradients() => lossesForCall(Calls++);
}
