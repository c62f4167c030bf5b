using Forgetless.Training.Model;
using static TorchSharp.torch;

namespace Forgetless.Bench;

/// <summary>
/// Where a bench17m step's time goes: forward, loss, backward and the AdamW step, each a median over steps, for the
/// SFT step and the DPO step (cached reference). A profile for docs/benchmarks.md; no targets.
/// </summary>
public sealed class PhaseBreakdownBenchmark : IBenchmark
{
    public string Name => "phases";

    public IEnumerable<BenchRow> Run(BenchOptions options)
    {
        set_num_threads(Environment.ProcessorCount);
        var (warmUp, timed) = options.Quick ? (1, 2) : (2, 5);
        using var rig = new StepRig(LlamaPresets.Bench17M(8192), batch: 8, length: 256);
        foreach (var (label, step) in new (string, Func<PhaseClock, float>)[] { ("SFT", c => rig.SftStep(c)), ("DPO", c => rig.DpoStep(c)) })
        {
            var clock = new PhaseClock();
            for (var i = 0; i < warmUp + timed; i++)
            {
                if (i == warmUp)
                {
                    clock.Clear();
                }

                clock.Start();
                step(clock);
            }

            foreach (var (phase, seconds) in clock.Medians())
            {
                yield return new BenchRow(Name, $"bench17m {label} step", phase, seconds * 1000, "ms");
            }
        }
    }
}
