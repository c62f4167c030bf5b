using Forgetless.Training.Running;
using Forgetless.Training.Model;
using static TorchSharp.torch;

namespace Forgetless.Bench;

/// <summary>
/// Tokens/s and achieved GFLOP/s of an SFT step and of a DPO step with a cached reference, on tiny and bench17m
/// (batch 8, seq 256, vocab 8192), against a 2048³ matmul peak measured first in the same process; plus each
/// preset's peak RSS.
/// </summary>
public sealed class TrainingStepBenchmark : IBenchmark
{
    private const int Batch = 8;
    private const int Length = 256;
    private const int Vocab = 8192;

    public string Name => "steps";

    public IEnumerable<BenchRow> Run(BenchOptions options)
    {
        set_num_threads(Environment.ProcessorCount);
        var peak = MatmulPeak.GflopsPerSecond(options.Quick);
        yield return new BenchRow(Name, $"matmul {MatmulPeak.Size}³ fp32, {get_num_threads()} threads", "peak", peak, "GFLOP/s");

        foreach (var (preset, config) in new[] { ("tiny", LlamaPresets.Tiny(Vocab)), ("bench17m", LlamaPresets.Bench17M(Vocab)) })
        {
            foreach (var row in RunPreset(preset, config, peak, options))
            {
                yield return row;
            }
        }
    }

    private IEnumerable<BenchRow> RunPreset(string preset, LlamaConfig config, double peak, BenchOptions options)
    {
        var isBench = preset == "bench17m";
        var (warmUp, timed) = options.Quick ? (1, 2) : (2, isBench ? 7 : 15);
        PeakRss.TryReset();
        using var rig = new StepRig(config, Batch, Length);
        // As the trainer does after long steps: freed activation pages go back to the OS (see NativeHeap).
        var sftSeconds = StepTiming.MedianSeconds(() => { rig.SftStep(); NativeHeap.ReleaseFreedPages(); }, warmUp, timed);
        var dpoSeconds = StepTiming.MedianSeconds(() => { rig.DpoStep(); NativeHeap.ReleaseFreedPages(); }, warmUp, timed);
        var flopsPerToken = StepFlops.PerToken(config, Length);
        var (sftTokensPerSecond, dpoTokensPerSecond) = (rig.SftTokens / sftSeconds, rig.DpoTokens / dpoSeconds);
        var sftFraction = sftTokensPerSecond * flopsPerToken / 1e9 / peak;
        var dpoRatio = sftTokensPerSecond / dpoTokensPerSecond;
        var rss = PeakRss.Megabytes();
        var sftCase = $"{preset} SFT step B={Batch} T={Length}";
        var dpoCase = $"{preset} DPO step (cached ref) 2×B={2 * Batch} T={Length}";

        yield return new BenchRow(Name, preset, "step FLOPs per token (6N + 12·L·T·d)", flopsPerToken / 1e6, "MFLOP");
        yield return new BenchRow(Name, sftCase, "step time", sftSeconds * 1000, "ms");
        yield return new BenchRow(Name, sftCase, "throughput", sftTokensPerSecond, "tokens/s");
        yield return new BenchRow(Name, sftCase, "achieved", sftTokensPerSecond * flopsPerToken / 1e9, "GFLOP/s");
        yield return new BenchRow(Name, sftCase, "fraction of matmul peak", sftFraction, "", isBench ? "≥ 0.45" : "", isBench ? sftFraction >= 0.45 : null);
        yield return new BenchRow(Name, dpoCase, "step time", dpoSeconds * 1000, "ms");
        yield return new BenchRow(Name, dpoCase, "throughput", dpoTokensPerSecond, "tokens/s");
        yield return new BenchRow(Name, dpoCase, "achieved", dpoTokensPerSecond * flopsPerToken / 1e9, "GFLOP/s");
        yield return new BenchRow(Name, dpoCase, "time per token ÷ SFT's", dpoRatio, "×", "≤ 1.15", dpoRatio <= 1.15);
        yield return new BenchRow(Name, preset, "peak RSS (VmHWM)", rss, "MB", isBench ? "< 2048" : "", isBench ? rss < 2048 : null);
    }
}
