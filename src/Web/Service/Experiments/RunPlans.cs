using Forgetless.Data.Entities;

namespace Forgetless.Web.Service.Experiments;

/// <summary>Expands a request into run plans: the pref-SFT reference run (reference "pref_sft"), the two optimum runs, then one run per schedule × λ.</summary>
public static class RunPlans
{
    /// <summary>The runs the schedules wait for, in training order.</summary>
    public static IEnumerable<RunPlan> Optimums(NewExperiment request)
    {
        if (request.ReferenceChoice == ReferenceChoices.PrefSft)
        {
            yield return Plan(request, RunRole.PrefSftReference, ScheduleNames.PrefSft, null);
        }

        yield return Plan(request, RunRole.SftOptimum, ScheduleNames.SftOnly, null);
        yield return Plan(request, RunRole.DpoOptimum, ScheduleNames.DpoOnly, null);
    }

    public static IEnumerable<RunPlan> Schedules(NewExperiment request) =>
        request.Schedules.Distinct().SelectMany(schedule => request.Lambdas.Distinct().Select(lambda => Plan(request, RunRole.Schedule, schedule, lambda)));

    private static RunPlan Plan(NewExperiment request, RunRole role, string schedule, double? lambda) =>
        new(role, schedule, lambda, request.SftDatasetId, request.PreferenceDatasetId, request.Model, request.ReferenceChoice, request.Hyperparameters);
}
