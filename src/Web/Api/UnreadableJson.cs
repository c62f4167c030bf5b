using System.Text.Json;

namespace Forgetless.Web.Api;

/// <summary>Turns "Failed to read parameter … as JSON" into problem details whose <c>errors</c> name the JSON field.</summary>
public static class UnreadableJson
{
    public static void Describe(ProblemDetailsContext context)
    {
        if (context.Exception is not BadHttpRequestException { InnerException: JsonException json }) return;
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
        var reason = json.InnerException is InvalidOperationException ? "holds invalid text (such as a lone UTF-16 surrogate escape)" : "cannot be read";
        context.ProblemDetails.Title = "The request is invalid";
        context.ProblemDetails.Detail = $"The field '{field}' {reason}.";
        context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [$"The field {reason}."] };
    }
}
