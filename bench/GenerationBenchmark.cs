using System.Diagnostics;
using Forgetless.Training.Generation;
using Forgetless.Training.Model;
using static TorchSharp.torch;

namespace Forgetless.Bench;

/// <summary>Greedy decoding speed of the bench17m Llama (random weights) with and without the KV cache.</summary>
public sealed class GenerationBenchmark : IBenchmark
{
    public string Name => "generation";

    public IEnumerable<BenchRow> Run(BenchOptions options)
    {
        manual_seed(0);
        using var model = new LlamaForCausalLM(LlamaPresets.Bench17M());
        int[] prompt = [.. Enumerable.Range(1, 32)];
        var newTokens = options.Quick ? 16 : 128;
        TextGenerator.Generate(model, prompt, GenerationOptions.Greedy(4)); // warm-up
        var rates = new Dictionary<bool, double>();
        foreach (var useCache in new[] { true, false })
        {
            var clock = Stopwatch.StartNew();
            var tokens = TextGenerator.Generate(model, prompt, GenerationOptions.Greedy(newTokens) with { UseKeyValueCache = useCache });
            rates[useCache] = tokens.Count / clock.Elapsed.TotalSeconds;
        }
        var label = $"bench17m, prompt 32, {newTokens} new tokens, greedy";
        yield return new BenchRow(Name, label + ", KV cache", "tokens/s", rates[true], "tok/s");
        yield return new BenchRow(Name, label + ", no cache", "tokens/s", rates[false], "tok/s");
        yield return new BenchRow(Name, label, "cache speed-up", rates[true] / rates[false], "×", "> 1", rates[true] > rates[false]);
    }
}
