using System.Globalization;
using System.Text.Json;
using Forgetless.Web.Service.Queries;

namespace Forgetless.Web.Api;

/// <summary>
/// Writes curves as the JSON array the metrics endpoint answers, straight onto the response one curve at a time
/// (<c>[{runId, name, steps, values, storedPoints}]</c>; NaN and infinities as the named literals the API's JSON allows).
/// </summary>
public static class MetricSeriesJson
{
    public static async Task WriteAsync(Stream body, IAsyncEnumerable<MetricSeries> curves, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartArray();
        await foreach (var curve in curves.WithCancellation(cancellationToken))
        {
            Write(json, curve);
            await json.FlushAsync(cancellationToken);
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    private static void Write(Utf8JsonWriter json, MetricSeries curve)
    {
        json.WriteStartObject();
        json.WriteNumber("runId", curve.RunId);
        json.WriteString("name", curve.Name);
        json.WriteStartArray("steps");
        foreach (var step in curve.Steps) json.WriteNumberValue(step);
        json.WriteEndArray();
        json.WriteStartArray("values");
        foreach (var value in curve.Values)
        {
            if (double.IsFinite(value)) json.WriteNumberValue(value);
            else json.WriteStringValue(value.ToString(CultureInfo.InvariantCulture)); // "NaN", "Infinity", "-Infinity"
        }

        json.WriteEndArray();
        json.WriteNumber("storedPoints", curve.StoredPoints);
        json.WriteEndObject();
    }
}
