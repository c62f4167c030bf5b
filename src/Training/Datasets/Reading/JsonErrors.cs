using System.Text.Json;

namespace Forgetless.Training.Datasets.Reading;

internal static class JsonErrors
{
    /// <summary>"invalid JSON: …" without System.Text.Json's own "LineNumber: 0 | …" suffix, which counts from the row.</summary>
    public static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var suffix = message.IndexOf(" Path:", StringComparison.Ordinal) is var p and >= 0 ? p
            : message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var detail = (suffix >= 0 ? message[..suffix] : message).Trim();
        var position = ex.BytePositionInLine is { } column ? $" (at byte {column + 1} of the line)" : "";
        return $"invalid JSON: {detail}{position}";
    }
}
