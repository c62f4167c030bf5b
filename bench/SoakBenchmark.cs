using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Forgetless.Bench;

/// <summary>
/// A server that trains for weeks: one <c>serve</c> process trains short demo experiments back to back (5 runs each:
/// both optima, Sequential SFT→DPO, ALRIGHT and MAXRIGHT at λ = 0.5) until 100 runs are done. Between experiments it
/// reads the server's settled memory (<c>GET /api/diagnostics/memory?settle=true</c>). Targets: resident memory after
/// the last run within +10 % of after the tenth, and the live tensor count back to its baseline after every experiment.
/// The curve goes to stderr as CSV (runs, rss_mb, managed_mb, live_tensors).
/// </summary>
public sealed class SoakBenchmark : IBenchmark
{
    private const int RunsPerExperiment = 5;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public string Name => "soak";

    public IEnumerable<BenchRow> Run(BenchOptions options) =>
        MeasureAsync(runs: options.Quick ? 15 : 100, steps: options.Quick ? 10 : 40).GetAwaiter().GetResult();

    private async Task<List<BenchRow>> MeasureAsync(int runs, int steps)
    {
        using var app = await ServedApp.StartAsync(new Dictionary<string, string> { ["Training__PollInterval"] = "00:00:00.200" });
        var baseline = await MemoryAsync(app.Client);
        var curve = new List<(int Runs, JsonElement Memory)>();
        Console.Error.WriteLine("runs,rss_mb,managed_mb,live_tensors");
        Console.Error.WriteLine($"0,{Mb(baseline, "residentBytes"):F0},{Mb(baseline, "managedHeapBytes"):F0},{Tensors(baseline)}");
        for (var done = 0; done < runs; done += RunsPerExperiment)
        {
            await TrainExperimentAsync(app, steps, done / RunsPerExperiment + 1);
            var memory = await MemoryAsync(app.Client);
            curve.Add((done + RunsPerExperiment, memory));
            Console.Error.WriteLine($"{done + RunsPerExperiment},{Mb(memory, "residentBytes"):F0},{Mb(memory, "managedHeapBytes"):F0},{Tensors(memory)}");
        }

        var tenth = curve.First(c => c.Runs >= 10);
        var last = curve[^1];
        var growth = (Mb(last.Memory, "residentBytes") / Mb(tenth.Memory, "residentBytes") - 1) * 100;
        var worstTensors = curve.Max(c => Tensors(c.Memory)) - Tensors(baseline);
        var label = $"{last.Runs} demo runs, {steps} steps each";
        return
        [
            new BenchRow(Name, label, $"RSS after run {tenth.Runs}", Mb(tenth.Memory, "residentBytes"), "MB"),
            new BenchRow(Name, label, $"RSS after run {last.Runs}", Mb(last.Memory, "residentBytes"), "MB"),
            new BenchRow(Name, label, $"RSS growth, run {tenth.Runs} → {last.Runs}", growth, "%", "≤ 10", growth <= 10),
            new BenchRow(Name, label, "live tensors above baseline (worst, between experiments)", worstTensors, "", "0", worstTensors <= 0),
        ];
    }

    private static async Task TrainExperimentAsync(ServedApp app, int steps, int number)
    {
        var datasets = await app.Client.GetFromJsonAsync<JsonElement>("/api/datasets", Json);
        int Id(string kind) => datasets.EnumerateArray().First(d => d.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();
        var response = await app.Client.PostAsJsonAsync("/api/experiments", new
        {
            name = $"soak {number}", sftDatasetId = Id("Sft"), preferenceDatasetId = Id("Preference"),
            schedules = new[] { "sequential_sft_dpo", "alright", "maxright" }, lambdas = new[] { 0.5 }, seedCount = 1,
            // A new seed each time: identical optimum runs would be reused, and every experiment must train five runs.
            hyperparameters = new { steps, seed = number, evalInterval = 10, sftBatchSize = 4, dpoBatchSize = 4, evalExamples = 8, maxLength = 48 },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Creating the experiment failed: {body}");
        var id = body.GetProperty("id").GetInt32();
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (true)
        {
            var experiment = await app.Client.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}", Json);
            var statuses = experiment.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
            if (statuses.Count != RunsPerExperiment) throw new InvalidOperationException($"expected {RunsPerExperiment} runs: {experiment}");
            if (statuses.All(s => s == "Completed")) return;
            if (statuses.Any(s => s is "Failed" or "Cancelled" or "Interrupted") || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"Experiment {id} did not complete: {experiment}\n{app.Output}");
            await Task.Delay(250);
        }
    }

    private static async Task<JsonElement> MemoryAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>("/api/diagnostics/memory?settle=true", Json);

    private static double Mb(JsonElement memory, string name) => memory.GetProperty(name).GetInt64() / (1024.0 * 1024);

    private static long Tensors(JsonElement memory) => memory.GetProperty("liveTensors").GetInt64();
}
