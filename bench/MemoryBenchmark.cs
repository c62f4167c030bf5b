using Forgetless.Training.Model;
using Forgetless.Training.Running;
using static TorchSharp.torch;

namespace Forgetless.Bench;

/// <summary>
/// bench17m's memory per step kind (batch 8, seq 256, vocab 8192; the DPO step on 2B rows): the resident-set peak
/// (VmHWM), the C heap's peak live bytes (what the step needs) and the live tensor wrappers at that peak, each case
/// in a fresh rig, trimming the heap after every step as the trainer does; then the same with activations recomputed
/// in backward (<see cref="RecomputedLayer"/>).
/// </summary>
public sealed class MemoryBenchmark : IBenchmark
{
    private const int Batch = 8;
    private const int Length = 256;
    private const int Vocab = 8192;

    public string Name => "memory";

    public IEnumerable<BenchRow> Run(BenchOptions options)
    {
        set_num_threads(Environment.ProcessorCount);
        var steps = options.Quick ? 2 : 4;
        foreach (var recompute in new[] { false, true })
        {
            foreach (var kind in new[] { "SFT", "DPO" })
            {
                foreach (var row in Measure(kind, steps, recompute))
                {
                    yield return row;
                }
            }
        }
    }

    private IEnumerable<BenchRow> Measure(string kind, int steps, bool recompute)
    {
        using var rig = new StepRig(LlamaPresets.Bench17M(Vocab), Batch, Length, recomputeActivations: recompute);
        NativeHeap.ReleaseFreedPages();
        var baseline = MallocSampler.LiveBytes();
        PeakRss.TryReset();
        Action step = kind == "SFT" ? () => rig.SftStep() : () => rig.DpoStep();
        double seconds;
        long peakLive, peakWrappers, peakGc;
        using (var sampler = new MallocSampler())
        {
            seconds = StepTiming.MedianSeconds(() => { step(); NativeHeap.ReleaseFreedPages(); }, 1, steps);
            (peakLive, peakWrappers, peakGc) = (sampler.PeakLiveBytes, sampler.PeakTensorWrappers, sampler.PeakGcCommittedBytes);
        }

        var rss = PeakRss.Megabytes();
        var name = $"bench17m {kind} step B={(kind == "SFT" ? Batch : 2 * Batch)} T={Length}{(recompute ? ", recomputed activations" : "")}";
        yield return new BenchRow(Name, name, "peak RSS (VmHWM)", rss, "MB", "< 2048", rss < 2048);
        yield return new BenchRow(Name, name, "peak live C-heap bytes", peakLive / 1048576.0, "MB");
        yield return new BenchRow(Name, name, "of which before the step (model, optimizer, data)", baseline / 1048576.0, "MB");
        yield return new BenchRow(Name, name, "peak live tensor wrappers", peakWrappers, "");
        yield return new BenchRow(Name, name, "peak GC committed bytes", peakGc / 1048576.0, "MB");
        yield return new BenchRow(Name, name, "step time (median)", seconds * 1000, "ms");
    }
}
