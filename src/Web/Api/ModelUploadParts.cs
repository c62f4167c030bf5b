using Forgetless.Web.Service.Models;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Forgetless.Web.Api;

/// <summary>Streams a multipart model upload's files into a <see cref="ModelUpload"/>, by form field name.</summary>
internal static class ModelUploadParts
{
    // Form field → upload role; any other file field is refused so a typo is not silently ignored.
    private static readonly Dictionary<string, string> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["model"] = ModelUpload.ModelBin, ["tokenizer"] = ModelUpload.TokenizerBin, ["file"] = ModelUpload.Zip, ["zip"] = ModelUpload.Zip,
    };

    /// <summary>Null when every file was stored; otherwise the problem to answer.</summary>
    public static async Task<IResult?> ReadAsync(HttpRequest request, ModelUpload upload)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return Problems.BadRequest("The multipart form has no boundary.");
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition()) continue;
            var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (!Roles.TryGetValue(field, out var role)) return Problems.BadRequest($"Unexpected file field '{field}': use 'model' and 'tokenizer' (llama2.c) or 'file' (a zip).");
            if (upload.Has(role)) return Problems.BadRequest($"The file field '{field}' appears twice.");
            // Only the file's name (never its path) is kept, and only for messages and the default model name.
            var fileName = Path.GetFileName(disposition.FileName.Value ?? disposition.FileNameStar.Value ?? field);
            if (!await upload.AddAsync(role, fileName, section.Body, request.HttpContext.RequestAborted)) return Problems.TooLarge(ModelImportResult.TooLarge(upload.MaxBytes).Problem!);
        }

        return null;
    }
}
