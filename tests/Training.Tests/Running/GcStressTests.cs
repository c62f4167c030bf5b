using Forgetless.Training.Generation;
using Forgetless.Training.Lora;
using Forgetless.Training.Running;
using Forgetless.Training.Schedules;

namespace Forgetless.Training.Tests.Running;

/// <summary>
/// The engine holds every Scalar it hands to libtorch, so garbage collections at any moment (here: back to back, on
/// another thread, with finalizers run) can neither crash a step nor change a number.
/// </summary>
public class GcStressTests
{
    private static readonly LoraConfig Lora = new() { Rank = 4, Alpha = 8, Dropout = 0.1, TargetModules = ["q_proj", "v_proj", "down_proj"] };

    [Fact]
    [Trait("Category", "Slow")] // 78 s on the loaded 2-core machine of 2026-12-02 (two passes of 110 steps, one under nonstop GC)
    public void Training_while_another_thread_collects_garbage_nonstop_gives_the_same_numbers()
    {
        using var setup = new TinyExperiment();
        var data = setup.TrainingData();
        var quiet = Train(setup, data);

        using var collector = new NonstopCollector();
        var stressed = Train(setup, data);
        var collections = collector.Stop();

        Assert.True(collections > 100, $"only {collections} collections ran during training");
        Assert.Equal(quiet.Count, stressed.Count);
        Assert.All(quiet.Zip(stressed), pair => Assert.Equal(pair.First, pair.Second));
    }

    /// <summary>
    /// 130 steps: ALRIGHT (SFT and DPO), MAXRIGHT (objective probes), LoRA with dropout, activations recomputed in
    /// backward, held-out evaluations every 5 steps, then sampled and greedy generation. Returns every number they produced, labelled.
    /// </summary>
    private static List<(string What, double Value)> Train(TinyExperiment setup, TrainingData data)
    {
        var numbers = new List<(string, double)>();
        void Run(string name, ISchedule schedule, int steps, bool lora, bool recompute = false)
        {
            var sink = new CollectingSink();
            using var model = setup.Model(seed: 5);
            TorchSharp.torch.manual_seed(5); // the adapters' A matrices are drawn from the global generator
            using var adapters = lora ? LoraAdapters.Attach(model, Lora) : null;
            using (var trainer = new Trainer(model, data, schedule, setup.Options(steps) with { WeightDecay = 0.1, RecomputeActivations = recompute }, sink, lora: adapters))
            {
                trainer.Run();
            }

            numbers.AddRange(sink.Points.Where(p => p.Name is not MetricNames.TokensPerSecond).Select(p => ($"{name} {p.Step} {p.Name}", p.Value)));
            model.eval();
            var sampled = TextGenerator.Generate(model, [1, 2, 3], new GenerationOptions { MaxNewTokens = 12, Temperature = 0.8, TopP = 0.9, Seed = 3 });
            var greedy = TextGenerator.Generate(model, [4, 5], GenerationOptions.Greedy(12));
            numbers.AddRange(sampled.Concat(greedy).Select((token, i) => ($"{name} token {i}", (double)token)));
        }

        Run("alright", new AlrightSchedule(0.5, 11), 40, lora: false);
        Run("maxright", TinyExperiment.Maxright(), 40, lora: false);
        Run("lora", new AlrightSchedule(0.5, 12), 30, lora: true);
        Run("recomputed activations", new AlrightSchedule(0.5, 13), 20, lora: false, recompute: true); // managed autograd callbacks
        return numbers;
    }

    private sealed class NonstopCollector : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private int _collections;

        public NonstopCollector()
        {
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    _collections++;
                }
            }) { IsBackground = true, Name = "nonstop GC" };
            _thread.Start();
        }

        public int Stop()
        {
            _stop = true;
            _thread.Join();
            return _collections;
        }

        public void Dispose()
        {
            if (!_stop) Stop();
        }
    }
}
