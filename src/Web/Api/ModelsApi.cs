using Forgetless.Web.Auth;
using Forgetless.Web.Service.Audit;
using Forgetless.Web.Service.Models;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace Forgetless.Web.Api;

/// <summary>/api/models: the model library (presets and imports): import a llama2.c pair or a Hugging Face zip, list, get, delete.</summary>
public static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/models").WithTags("Models");
        group.MapGet("/", (ModelLibrary library, CancellationToken ct) => library.ListAsync(ct)).WithSummary("Presets first, then imported models, newest first.");
        group.MapGet("/{id:int}", async (int id, ModelLibrary library, CancellationToken ct) =>
            await library.GetAsync(id, ct) is { } m ? Results.Ok(m) : Problems.NotFound($"No model has id {id}."));
        group.MapPost("/llama2c", (HttpContext http, string? name, ModelLibrary library, IAntiforgery antiforgery) =>
                ImportAsync(http, library, antiforgery, (upload, user) => library.ImportLlama2cAsync(upload, name, user, http.RequestAborted)))
            .RequireAuthorization(Access.WritePolicy).DisableAntiforgery().Accepts<IFormFileCollection>("multipart/form-data")
            .Produces<ModelSummary>(StatusCodes.Status201Created).Produces<ModelSummary>(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Multipart with files 'model' (llama2.c .bin) and 'tokenizer' (tokenizer.bin); imported into a Hugging Face folder and loaded before it is stored.");
        group.MapPost("/huggingface", (HttpContext http, string? name, ModelLibrary library, IAntiforgery antiforgery) =>
                ImportAsync(http, library, antiforgery, (upload, user) => library.ImportHuggingFaceZipAsync(upload, name, user, http.RequestAborted)))
            .RequireAuthorization(Access.WritePolicy).DisableAntiforgery().Accepts<Stream>("application/zip", "multipart/form-data")
            .Produces<ModelSummary>(StatusCodes.Status201Created).Produces<ModelSummary>(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("A .zip of a Hugging Face folder (config.json, model.safetensors, tokenizer.json), raw or as multipart file 'file'; extracted safely and loaded before it is stored.");
        group.MapDelete("/{id:int}", async (int id, HttpContext http, ModelLibrary library, Ownership ownership, AuditLog audit) =>
        {
            if (await OwnerGuard.RefuseAsync(http, ownership, OwnedKind.Model, id) is { } refused) return refused;
            var outcome = await library.DeleteAsync(id, http.RequestAborted);
            if (outcome == ModelDeleteOutcome.Deleted) await audit.RecordAsync(OwnerGuard.Actor(http), "deleted", "model", id);
            return outcome switch
            {
                ModelDeleteOutcome.Deleted => Results.NoContent(),
                ModelDeleteOutcome.InUse => Problems.Conflict("An experiment uses this model; delete the experiment first."),
                ModelDeleteOutcome.BuiltIn => Problems.Conflict("Presets are built in and cannot be deleted."),
                _ => Problems.NotFound($"No model has id {id}."),
            };
        }).RequireAuthorization(Access.WritePolicy).WithSummary("Owner or admin; audited.");
        return api;
    }

    private static async Task<IResult> ImportAsync(
        HttpContext http, ModelLibrary library, IAntiforgery antiforgery, Func<ModelUpload, string, Task<ModelImportResult>> import)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = library.MaxUploadBytes + (1 << 20);
        if (Service.Datasets.DatasetNames.Problem(http.Request.Query["name"].ToString()) is { } nameProblem) return Problems.Invalid(new Dictionary<string, string[]> { ["name"] = [nameProblem] });
        using var upload = library.NewUpload();
        var request = http.Request;
        if (request.HasFormContentType)
        {
            // Multipart can be sent cross-site by a plain form, so it must carry an antiforgery token (GET /api/antiforgery).
            if (!await antiforgery.IsRequestValidAsync(http)) return Problems.BadRequest("The form's antiforgery token is missing or invalid.");
            if (await ModelUploadParts.ReadAsync(request, upload) is { } problem) return problem;
        }
        else if (request.ContentType?.StartsWith("application/zip", StringComparison.OrdinalIgnoreCase) == true)
        {
            if (!await upload.AddAsync(ModelUpload.Zip, "model.zip", request.Body, http.RequestAborted)) return Problems.TooLarge(ModelImportResult.TooLarge(library.MaxUploadBytes).Problem!);
        }
        else
        {
            return Problems.UnsupportedMediaType("Send the files as multipart/form-data (or a Hugging Face zip as application/zip).");
        }

        var result = await import(upload, OwnerGuard.Actor(http));
        if (result.Outcome == ModelImportOutcome.Created) await http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(OwnerGuard.Actor(http), "created", "model", result.Model!.Id, detail: result.Model.Name);
        return result.Outcome switch
        {
            ModelImportOutcome.Created => Results.Created($"/api/models/{result.Model!.Id}", result.Model),
            ModelImportOutcome.Duplicate => Results.Ok(result.Model),
            ModelImportOutcome.TooLarge => Problems.TooLarge(result.Problem!),
            _ => Results.Problem(result.Problem, statusCode: StatusCodes.Status400BadRequest, title: "The model was rejected"),
        };
    }
}
