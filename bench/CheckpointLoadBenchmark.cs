using Forgetless.Training.Checkpoints;
using Forgetless.Training.Model;
using static TorchSharp.torch;

namespace Forgetless.Bench;

/// <summary>
/// Peak memory while loading a SmolLM-135M-shaped Llama (random weights, float32 safetensors) into a model. The peak
/// is the process's high-water RSS (reset through /proc/self/clear_refs after writing the file) minus its RSS
/// before any model existed, so memory the allocator kept from writing only makes the number larger.
/// </summary>
public sealed class CheckpointLoadBenchmark : IBenchmark
{
    public string Name => "checkpoint-load";

    public IEnumerable<BenchRow> Run(BenchOptions options)
    {
        using (zeros(1)) { } // load libtorch before the baseline
        var baseline = Kilobytes("VmRSS");
        var config = new LlamaConfig
        {
            VocabSize = 49152, HiddenSize = 576, IntermediateSize = 1536, NumHiddenLayers = options.Quick ? 6 : 30,
            NumAttentionHeads = 9, NumKeyValueHeads = 3, MaxPositionEmbeddings = 2048, TieWordEmbeddings = true, RmsNormEps = 1e-5,
        };
        var folder = Directory.CreateTempSubdirectory("forgetless-bench-load-").FullName;
        try
        {
            long weightBytes;
            using (var written = new LlamaForCausalLM(config))
            {
                weightBytes = written.parameters().Sum(p => p.numel()) * 4;
                HuggingFaceCheckpoint.SaveModel(written, CausalLMArchitectures.Llama, folder);
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            File.WriteAllText("/proc/self/clear_refs", "5"); // reset VmHWM to the current RSS
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var loaded = new LlamaForCausalLM(config);
            CheckpointWeights.Load(loaded, folder, CausalLMArchitectures.Llama.OptionalKey);
            var seconds = clock.Elapsed.TotalSeconds;
            var peakRatio = (Kilobytes("VmHWM") - baseline) * 1024.0 / weightBytes;
            var label = $"Llama {weightBytes / 4 / 1e6:F0}M params, f32, {weightBytes / 1e6:F0} MB";
            yield return new BenchRow(Name, label, "peak RSS over baseline / weight bytes", peakRatio, "×", "< 1.5", peakRatio < 1.5);
            yield return new BenchRow(Name, label, "load time", seconds, "s");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long Kilobytes(string field) =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}
