using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using Forgetless.Web.Service.Queries;

namespace Forgetless.Web.Api;

/// <summary>
/// Writes curves as the JSON array the metrics endpoint answers, straight into the response's pipe as they are read
/// (<c>[{runId, name, steps, values, storedPoints}]</c>; NaN and infinities as the named literals the API's JSON allows).
/// </summary>
public static class MetricSeriesJson
{
    // Sent whenever this much is written, not after every curve: fewer, larger writes to the socket.
    private const int FlushBytes = 32 * 1024;

    public static async Task WriteAsync(PipeWriter body, IAsyncEnumerable<MetricSeries> curves, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(body); // writes into the pipe's own buffers: no copy through a stream
        json.WriteStartArray();
        var sent = 0L;
        await foreach (var curve in curves.WithCancellation(cancellationToken))
        {
            Write(json, curve);
            json.Flush(); // hands the written bytes to the pipe
            if (json.BytesCommitted - sent < FlushBytes) continue;
            sent = json.BytesCommitted;
            await body.FlushAsync(cancellationToken);
        }

        json.WriteEndArray();
        json.Flush();
        await body.FlushAsync(cancellationToken);
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
