using Forgetless.Training.Tokenization;
using Forgetless.Web.Auth;
using Forgetless.Web.Service.Audit;
using Forgetless.Web.Service.Datasets;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Forgetless.Web.Api;

/// <summary>/api/datasets: upload (raw body or multipart), list, get, preview, delete.</summary>
public static class DatasetsApi
{
    public static RouteGroupBuilder MapDatasetsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/datasets").WithTags("Datasets");
        group.MapGet("/", (DatasetLibrary library, CancellationToken ct) => library.ListAsync(ct)).WithSummary("Every stored dataset, newest first.");
        group.MapGet("/{id:int}", async (int id, DatasetLibrary library, CancellationToken ct) =>
            await library.GetAsync(id, ct) is { } d ? Results.Ok(d) : Problems.NotFound($"No dataset has id {id}."));
        group.MapGet("/{id:int}/preview", async (int id, int? offset, int? count, string? template, DatasetLibrary library, CancellationToken ct) =>
            template is not null && !PromptTemplates.Names.Contains(template)
                ? Problems.Invalid(new Dictionary<string, string[]> { ["template"] = [$"Unknown template '{template}'; use one of {string.Join(", ", PromptTemplates.Names)}."] })
                : await library.PreviewAsync(id, offset ?? 0, count ?? 20, template, ct) is { } rows ? Results.Ok(rows) : Problems.NotFound($"No dataset has id {id}."))
            .WithSummary("Normalised rows (prompt/response or prompt/chosen/rejected) with token counts and the prompt's turns; prompts rendered with ?template= (default alpaca, as training); count ≤ 500.");
        group.MapPost("/", UploadAsync).RequireAuthorization(Access.WritePolicy).DisableAntiforgery()
            .Accepts<Stream>("application/x-ndjson", "application/json", "application/octet-stream", "multipart/form-data")
            .Produces<DatasetSummary>(StatusCodes.Status201Created).Produces<DatasetSummary>(StatusCodes.Status200OK).ProducesValidationProblem()
            .WithSummary("Upload a JSONL (or JSON array) dataset; validated before anything is stored; an identical file answers 200 with the existing dataset.");
        group.MapDelete("/{id:int}", async (int id, HttpContext http, DatasetLibrary library, Ownership ownership, AuditLog audit) =>
        {
            if (await OwnerGuard.RefuseAsync(http, ownership, OwnedKind.Dataset, id) is { } refused) return refused;
            var outcome = await library.DeleteAsync(id, http.RequestAborted);
            if (outcome == DatasetDeleteOutcome.Deleted) await audit.RecordAsync(OwnerGuard.Actor(http), "deleted", "dataset", id);
            return outcome switch
            {
                DatasetDeleteOutcome.Deleted => Results.NoContent(),
                DatasetDeleteOutcome.InUse => Problems.Conflict("An experiment uses this dataset; it cannot be deleted."),
                _ => Problems.NotFound($"No dataset has id {id}."),
            };
        }).RequireAuthorization(Access.WritePolicy).WithSummary("Owner or admin; audited.");
        return api;
    }

    // Multipart is what a browser form can send cross-site, so it must carry an antiforgery token; a raw body
    // with a JSON/octet-stream content type cannot be sent cross-site without CORS, so it needs none.
    private static async Task<IResult> UploadAsync(HttpContext http, string? name, DatasetLibrary library, IAntiforgery antiforgery, AuditLog audit)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = library.MaxUploadBytes + (1 << 20);
        }

        if (DatasetNames.Problem(name) is { } nameProblem) return Problems.Invalid(new Dictionary<string, string[]> { ["name"] = [nameProblem] });
        var user = http.User.Identity?.Name ?? "unknown";
        var request = http.Request;
        DatasetUploadResult result;
        if (request.HasFormContentType)
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Problems.BadRequest("The form's antiforgery token is missing or invalid.");
            if (await FirstFileAsync(request) is not { } file) return Problems.BadRequest("The form has no file.");
            var fileName = name ?? Path.GetFileNameWithoutExtension(file.FileName);
            if (DatasetNames.Problem(fileName) is { } fileNameProblem) return Problems.Invalid(new Dictionary<string, string[]> { ["name"] = [fileNameProblem] });
            result = await library.UploadAsync(file.Body, fileName, user, http.RequestAborted);
        }
        else if (request.ContentType is null || request.ContentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.UnsupportedMediaType("Send the file as multipart/form-data or as a raw application/x-ndjson, application/json or application/octet-stream body.");
        }
        else
        {
            result = await library.UploadAsync(request.Body, name ?? "dataset", user, http.RequestAborted);
        }

        if (result.Outcome == DatasetUploadOutcome.Created) await audit.RecordAsync(user, "created", "dataset", result.Dataset!.Id, detail: result.Dataset.Name);
        return result.Outcome switch
        {
            DatasetUploadOutcome.Created => Results.Created($"/api/datasets/{result.Dataset!.Id}", result.Dataset),
            DatasetUploadOutcome.Duplicate => Results.Ok(result.Dataset),
            DatasetUploadOutcome.TooLarge => Problems.TooLarge(result.Problem!),
            _ => Problems.Rejected(result.Problem!, result.Errors),
        };
    }

    private static async Task<(Stream Body, string FileName)?> FirstFileAsync(HttpRequest request)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return null;
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
            {
                // Only the file's name (never its path) is used, and only as a display name.
                return (section.Body, Path.GetFileName(disposition.FileName.Value ?? disposition.FileNameStar.Value ?? "dataset"));
            }
        }

        return null;
    }
}
