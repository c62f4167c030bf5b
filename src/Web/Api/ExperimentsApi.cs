using Forgetless.Web.Auth;
using Forgetless.Web.Service.Audit;
using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Queries;

namespace Forgetless.Web.Api;

/// <summary>/api/experiments: create (one Queued run per schedule × λ, plus optimum runs), list, get, edit, trash, restore, delete.</summary>
public static class ExperimentsApi
{
    public static RouteGroupBuilder MapExperimentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/experiments").WithTags("Experiments");
        group.MapGet("/", async (string? search, bool? trashed, string? sort, int? skip, int? take, HttpContext http, RunQueries queries, CancellationToken ct) =>
            {
                if (!Enum.TryParse<ExperimentSort>(sort ?? nameof(ExperimentSort.Newest), ignoreCase: true, out var order) || int.TryParse(sort, out _))
                    return Problems.BadRequest($"Unknown sort '{sort}'; use one of {string.Join(", ", Enum.GetNames<ExperimentSort>().Select(n => n.ToLowerInvariant()))}.");
                if (skip < 0) return Problems.BadRequest($"skip is {skip}; it counts experiments to leave out, from 0.");
                if (take is < 1 or > ExperimentPage.MaxTake) return Problems.BadRequest($"take is {take}; a page holds 1 to {ExperimentPage.MaxTake} experiments.");
                var page = await queries.ListExperimentsAsync(search, trashed ?? false, order, skip ?? 0, take ?? ExperimentPage.DefaultTake, ct);
                PageLinks.Add(http, page.Total, skip ?? 0, take ?? ExperimentPage.DefaultTake);
                return Results.Ok(page.Items);
            })
            .Produces<ExperimentSummary[]>()
            .WithSummary("The team's experiments outside the trash (trashed=true: those in it), with status counts and the best ideal distance; " +
                "search matches name, tags, author and notes; sort is newest (default), oldest, name or distance. Paged: skip (default 0) and " +
                $"take (default {ExperimentPage.DefaultTake}, at most {ExperimentPage.MaxTake}); X-Total-Count says how many match, Link gives the next and prev pages.");
        group.MapGet("/{id:int}", async (int id, RunQueries queries, CancellationToken ct) =>
            await queries.GetExperimentAsync(id, ct) is { } e ? Results.Ok(e) : Problems.NotFound($"No experiment has id {id}."));
        group.MapPost("/", async (NewExperiment request, HttpContext http, ExperimentCommands commands, RunQueries queries, AuditLog audit) =>
        {
            var (id, problems) = await commands.CreateAsync(request, OwnerGuard.Actor(http), http.RequestAborted);
            if (id is not { } created) return Problems.Invalid(problems);
            var detail = await queries.GetExperimentAsync(created, http.RequestAborted);
            await audit.RecordAsync(OwnerGuard.Actor(http), "created", "experiment", created, created, $"{detail?.Runs.Count} runs");
            return Results.Created($"/api/experiments/{created}", detail);
        }).RequireAuthorization(Access.WritePolicy).Produces<ExperimentDetail>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapPatch("/{id:int}", async (int id, ExperimentEdit edit, HttpContext http, ExperimentEdits edits, Ownership ownership) =>
            await OwnerGuard.RefuseAsync(http, ownership, OwnedKind.Experiment, id)
            ?? (await edits.ApplyAsync(id, edit, OwnerGuard.Actor(http), http.RequestAborted) is { Count: > 0 } problems ? Problems.Invalid(problems) : Results.NoContent()))
            .RequireAuthorization(Access.WritePolicy).ProducesValidationProblem().WithSummary("Changes name, tags and/or notes (owner or admin); audited as 'renamed' / 'tagged' / 'edited'.");
        group.MapPost("/{id:int}/trash", async (int id, HttpContext http, ExperimentTrash trash, Ownership ownership) =>
            await OwnerGuard.RefuseAsync(http, ownership, OwnedKind.Experiment, id)
            ?? Changed(await trash.TrashAsync(id, OwnerGuard.Actor(http), http.RequestAborted), id))
            .RequireAuthorization(Access.WritePolicy)
            .WithSummary("Moves the experiment to the trash: hidden from lists, its queued runs wait. 409 while one of its runs is running (cancel it first). Owner or admin.");
        group.MapPost("/{id:int}/restore", async (int id, HttpContext http, ExperimentTrash trash, Ownership ownership) =>
            await OwnerGuard.RefuseAsync(http, ownership, OwnedKind.Experiment, id)
            ?? Changed(await trash.RestoreAsync(id, OwnerGuard.Actor(http), http.RequestAborted), id))
            .RequireAuthorization(Access.WritePolicy).WithSummary("Takes the experiment out of the trash; its queued runs are claimable again. Owner or admin.");
        group.MapDelete("/{id:int}", async (int id, HttpContext http, ExperimentCommands commands, Ownership ownership, AuditLog audit) =>
        {
            if (await OwnerGuard.RefuseAsync(http, ownership, OwnedKind.Experiment, id) is { } refused) return refused;
            var outcome = await commands.DeleteExperimentAsync(id, http.RequestAborted);
            if (outcome.Outcome == RunCommandOutcome.Done) await audit.RecordAsync(OwnerGuard.Actor(http), "deleted", "experiment", id, id);
            return RunsApi.Deleted(outcome, $"No experiment has id {id}.");
        }).RequireAuthorization(Access.WritePolicy).WithSummary("Deletes the experiment with its runs, metric points and checkpoints; 409 while one of its runs is running. Owner or admin.");
        return api;
    }

    private static IResult Changed(DeleteOutcome outcome, int id) => outcome.Outcome switch
    {
        RunCommandOutcome.Done => Results.NoContent(),
        RunCommandOutcome.NotFound => Problems.NotFound($"No experiment has id {id}."),
        _ => Problems.Conflict(outcome.Problem ?? $"Experiment {id} cannot be changed now."),
    };
}
