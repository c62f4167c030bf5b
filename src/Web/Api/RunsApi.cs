using System.Globalization;
using CsvHelper;
using Forgetless.Training.Checkpoints;
using Forgetless.Web.Auth;
using Forgetless.Web.Service.Audit;
using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Queries;
using Forgetless.Web.Service.Storage;

namespace Forgetless.Web.Api;

/// <summary>/api/runs: get, cancel, resume, delete, metrics (JSON and CSV), last checkpoint as a zipped Hugging Face folder.</summary>
public static class RunsApi
{
    public static RouteGroupBuilder MapRunsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/runs").WithTags("Runs");
        group.MapGet("/{id:int}", async (int id, RunQueries queries, CancellationToken ct) =>
            await queries.GetRunAsync(id, ct) is { } r ? Results.Ok(r) : Problems.NotFound($"No run has id {id}."));
        group.MapPost("/{id:int}/cancel", async (int id, HttpContext http, ExperimentCommands commands, Ownership ownership, AuditLog audit) =>
            await OwnerGuard.RefuseAsync(http, ownership, OwnedKind.Run, id)
            ?? await AnswerAsync(await commands.CancelAsync(id, http.RequestAborted), id, "Only a queued or running run can be cancelled.", http, audit, "cancelled"))
            .RequireAuthorization(Access.WritePolicy).WithSummary("Owner or admin; audited.");
        group.MapPost("/{id:int}/resume", async (int id, HttpContext http, ExperimentCommands commands, Ownership ownership, AuditLog audit) =>
            await OwnerGuard.RefuseAsync(http, ownership, OwnedKind.Run, id)
            ?? await AnswerAsync(await commands.ResumeAsync(id, http.RequestAborted), id, "Only a cancelled, failed or interrupted run can be resumed.", http, audit, "resumed"))
            .RequireAuthorization(Access.WritePolicy).WithSummary("Owner or admin; audited.");
        group.MapDelete("/{id:int}", async (int id, HttpContext http, ExperimentCommands commands, Ownership ownership, AuditLog audit) =>
        {
            if (await OwnerGuard.RefuseAsync(http, ownership, OwnedKind.Run, id) is { } refused) return refused;
            var experimentId = await ownership.ExperimentOfRunAsync(id, http.RequestAborted);
            var outcome = await commands.DeleteRunAsync(id, http.RequestAborted);
            if (outcome.Outcome == RunCommandOutcome.Done) await audit.RecordAsync(OwnerGuard.Actor(http), "deleted", "run", id, experimentId);
            return Deleted(outcome, $"No run has id {id}.");
        }).RequireAuthorization(Access.WritePolicy).WithSummary("Deletes the run, its metric points and checkpoints; 409 while it runs (or other runs need its results). Owner or admin.");
        group.MapGet("/{id:int}/metrics", MetricsAsync)
            .Produces<MetricSeries[]>().WithSummary("Curves by metric name; names is a comma-separated filter; maxPoints thins each curve (first, last and extremes kept).");
        group.MapGet("/{id:int}/metrics.csv", MetricsCsvAsync).WithSummary("Every point as CSV: run_id, step, name, value.");
        group.MapGet("/{id:int}/checkpoint.zip", CheckpointAsync).WithSummary("The last checkpoint, a Hugging Face folder, zipped.");
        return api;
    }

    private static async Task<IResult> AnswerAsync(RunCommandOutcome outcome, int id, string wrongState, HttpContext http, AuditLog audit, string action)
    {
        if (outcome == RunCommandOutcome.Done) await audit.RecordRunAsync(OwnerGuard.Actor(http), action, id);
        return Answer(outcome, id, wrongState);
    }

    private static IResult Answer(RunCommandOutcome outcome, int id, string wrongState) => outcome switch
    {
        RunCommandOutcome.Done => Results.Accepted($"/api/runs/{id}"),
        RunCommandOutcome.NotFound => Problems.NotFound($"No run has id {id}."),
        _ => Problems.Conflict(wrongState),
    };

    /// <summary>204, 404 or 409 problem details for a delete.</summary>
    public static IResult Deleted(DeleteOutcome outcome, string notFound) => outcome.Outcome switch
    {
        RunCommandOutcome.Done => Results.NoContent(),
        RunCommandOutcome.NotFound => Problems.NotFound(notFound),
        _ => Problems.Conflict(outcome.Problem ?? "It cannot be deleted now."),
    };

    // One indexed query, written as it is read: no list of every point and no serializer reflection on the way out.
    private static async Task<IResult> MetricsAsync(int id, string? names, int? maxPoints, HttpContext http, RunQueries queries)
    {
        if (maxPoints is < 2) return Problems.BadRequest("maxPoints must be at least 2 (the first and the last point).");
        await using var curves = queries.StreamMetricsAsync([id], Split(names), maxPoints, http.RequestAborted).GetAsyncEnumerator(http.RequestAborted);
        var any = await curves.MoveNextAsync();
        if (!any && !await queries.RunExistsAsync(id, http.RequestAborted)) return Problems.NotFound($"No run has id {id}.");
        http.Response.ContentType = "application/json; charset=utf-8";
        await MetricSeriesJson.WriteAsync(http.Response.BodyWriter, Remaining(curves, any), http.RequestAborted);
        return Results.Empty;
    }

    private static async IAsyncEnumerable<MetricSeries> Remaining(IAsyncEnumerator<MetricSeries> curves, bool hasCurrent)
    {
        if (!hasCurrent) yield break;
        do yield return curves.Current;
        while (await curves.MoveNextAsync());
    }

    private static async Task<IResult> MetricsCsvAsync(int id, HttpContext http, RunQueries queries)
    {
        if (await queries.GetRunAsync(id, http.RequestAborted) is null) return Problems.NotFound($"No run has id {id}.");
        var series = await queries.GetMetricsAsync(id, null, null, http.RequestAborted);
        http.Response.ContentType = "text/csv";
        http.Response.Headers.ContentDisposition = $"attachment; filename=run-{id}-metrics.csv";
        await using var writer = new StreamWriter(http.Response.Body);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        csv.WriteField("run_id"); csv.WriteField("step"); csv.WriteField("name"); csv.WriteField("value");
        await csv.NextRecordAsync();
        foreach (var (step, name, value) in series.SelectMany(s => s.Steps.Select((step, i) => (step, s.Name, s.Values[i]))).OrderBy(p => p.step).ThenBy(p => p.Name, StringComparer.Ordinal))
        {
            csv.WriteField(id); csv.WriteField(step); csv.WriteField(name); csv.WriteField(value.ToString("R", CultureInfo.InvariantCulture));
            await csv.NextRecordAsync();
        }

        return Results.Empty;
    }

    private static async Task<IResult> CheckpointAsync(int id, HttpContext http, RunQueries queries, DataDirectory dataDirectory)
    {
        var run = await queries.GetRunAsync(id, http.RequestAborted);
        if (run is null) return Problems.NotFound($"No run has id {id}.");
        var relative = await queries.CheckpointPathAsync(id, http.RequestAborted);
        var folder = relative is null ? null : dataDirectory.Resolve(relative);
        if (folder is null || !Directory.Exists(folder)) return Problems.NotFound($"Run {id} has no checkpoint yet.");
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = $"attachment; filename=run-{id}-step-{run.LastCheckpointStep}.zip";
        // ZipArchive writes synchronously; buffer in a temp file rather than allowing synchronous IO on the response.
        var temp = Path.Combine(dataDirectory.UploadsFolder, Guid.NewGuid().ToString("n") + ".zip");
        try
        {
            ModelFolderExport.Zip(folder, temp); // the model at the root, LoRA adapters under adapter/
            await using var zip = File.OpenRead(temp);
            await zip.CopyToAsync(http.Response.Body, http.RequestAborted);
        }
        finally
        {
            File.Delete(temp);
        }

        return Results.Empty;
    }

    private static string[]? Split(string? names) => names?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
