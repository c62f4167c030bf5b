using System.Net.Http.Json;
using System.Text.Json;

namespace Forgetless.Web.Tests.Service;

/// <summary>
/// What a run computed, read back through the REST API: its stored curves and its final numbers, without the readings of
/// the machine (clocks, speed, memory). Two runs of one spec on the same seed, CPU and thread count must have equal records,
/// however often one of them was interrupted and on whichever process it resumed.
/// </summary>
internal sealed record TrainingRecord(IReadOnlyList<(string Name, long[] Steps, double?[] Values)> Curves, IReadOnlyList<(string Name, double Value)> Final)
{
    private const string CurveNames = "loss,sft/loss,dpo/loss,learning_rate,eval/sft_loss,eval/dpo_loss,eval/dpo_loss_vs_initial";

    public static async Task<TrainingRecord> ReadAsync(HttpClient client, int runId)
    {
        var curves = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/metrics?names={CurveNames}");
        var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
        return new TrainingRecord(
            [.. curves.EnumerateArray().Select(c => (
                c.GetProperty("name").GetString()!,
                c.GetProperty("steps").EnumerateArray().Select(s => s.GetInt64()).ToArray(),
                c.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray()))
                .OrderBy(c => c.Item1, StringComparer.Ordinal)],
            [.. run.GetProperty("finalMetrics").EnumerateObject()
                .Where(m => m.Name is not ("wall_seconds" or "tokens_per_second" or "peak_rss_mb" or "train_seconds" or "eval_seconds"))
                .Select(m => (m.Name, m.Value.GetDouble())).OrderBy(m => m.Name, StringComparer.Ordinal)]);
    }

    /// <summary>Bit-equal curves and final numbers, curve by curve, so a failure names the first metric that differs.</summary>
    public static void AssertSame(TrainingRecord uninterrupted, TrainingRecord resumed, string what)
    {
        Assert.True(uninterrupted.Curves.Count > 0, $"{what}: no curves stored");
        Assert.Equal(uninterrupted.Curves.Select(c => c.Name), resumed.Curves.Select(c => c.Name));
        foreach (var (expected, actual) in uninterrupted.Curves.Zip(resumed.Curves))
        {
            Assert.Equal(expected.Steps, actual.Steps);
            Assert.True(expected.Values.SequenceEqual(actual.Values),
                $"{what}, {expected.Name}: uninterrupted [{string.Join(", ", expected.Values)}] vs resumed [{string.Join(", ", actual.Values)}]");
        }

        Assert.NotEmpty(uninterrupted.Final);
        Assert.Equal(uninterrupted.Final, resumed.Final);
    }
}
