using Forgetless.Data.Entities;

namespace Forgetless.Web.Service.Experiments;

/// <summary>
/// Expands a request into run plans, for each of its seeds: the pref-SFT reference run (reference "pref_sft"), the two
/// optimum runs, then one run per schedule × λ.
/// </summary>
public static class RunPlans
{
    /// <summary>The request's seeds: <c>Hyperparameters.Seed</c> and the next <c>SeedCount − 1</c>.</summary>
    public static IReadOnlyList<int> Seeds(NewExperiment request) =>
        [.. Enumerable.Range(request.Hyperparameters.Seed, Math.Max(1, request.SeedCount))];

    /// <summary>Every run the request asks for (optimum and reference runs included, though identical finished ones are reused).</summary>
    public static int Count(NewExperiment request) =>
        Seeds(request).Sum(seed => Optimums(request, seed).Count() + Schedules(request, seed).Count());

    /// <summary>The runs one seed's schedules wait for, in training order.</summary>
    public static IEnumerable<RunPlan> Optimums(NewExperiment request, int seed)
    {
        if (request.ReferenceChoice == ReferenceChoices.PrefSft)
        {
            yield return Plan(request, RunRole.PrefSftReference, ScheduleNames.PrefSft, null, seed);
        }

        yield return Plan(request, RunRole.SftOptimum, ScheduleNames.SftOnly, null, seed);
        yield return Plan(request, RunRole.DpoOptimum, ScheduleNames.DpoOnly, null, seed);
    }

    /// <summary>One seed's schedule runs: every schedule at every λ.</summary>
    public static IEnumerable<RunPlan> Schedules(NewExperiment request, int seed) =>
        request.Schedules.Distinct().SelectMany(schedule => request.Lambdas.Distinct().Select(lambda => Plan(request, RunRole.Schedule, schedule, lambda, seed)));

    private static RunPlan Plan(NewExperiment request, RunRole role, string schedule, double? lambda, int seed) =>
        new(role, schedule, lambda, request.SftDatasetId, request.PreferenceDatasetId, request.Model, request.ReferenceChoice,
            request.Hyperparameters with { Seed = seed });
}
