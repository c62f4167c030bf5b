using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Queries;

namespace Forgetless.Web.Api;

/// <summary>/api/experiments: create (one Queued run per schedule × λ, plus optimum runs), list, get, delete.</summary>
public static class ExperimentsApi
{
    public static RouteGroupBuilder MapExperimentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/experiments").WithTags("Experiments");
        group.MapGet("/", (string? search, RunQueries queries, CancellationToken ct) => queries.ListExperimentsAsync(search, ct))
            .WithSummary("Every experiment of the team, newest first; search matches name, tags, author and notes.");
        group.MapGet("/{id:int}", async (int id, RunQueries queries, CancellationToken ct) =>
            await queries.GetExperimentAsync(id, ct) is { } e ? Results.Ok(e) : Problems.NotFound($"No experiment has id {id}."));
        group.MapPost("/", async (NewExperiment request, HttpContext http, ExperimentCommands commands, RunQueries queries) =>
        {
            var (id, problems) = await commands.CreateAsync(request, http.User.Identity?.Name ?? "unknown", http.RequestAborted);
            return id is { } created
                ? Results.Created($"/api/experiments/{created}", await queries.GetExperimentAsync(created, http.RequestAborted))
                : Problems.Invalid(problems);
        }).RequireAuthorization().Produces<ExperimentDetail>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapDelete("/{id:int}", async (int id, ExperimentCommands commands, CancellationToken ct) =>
            RunsApi.Deleted(await commands.DeleteExperimentAsync(id, ct), $"No experiment has id {id}."))
            .RequireAuthorization().WithSummary("Deletes the experiment with its runs, metric points and checkpoints; 409 while one of its runs is running.");
        return api;
    }
}
