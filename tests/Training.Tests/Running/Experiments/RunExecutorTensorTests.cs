using Forgetless.Training.Running;
using Forgetless.Training.Running.Experiments;
using Forgetless.Training.Tests.Running;
using TorchSharp.PyBridge;
using Xunit.Abstractions;

namespace Forgetless.Training.Tests.Running.Experiments;

/// <summary>Counts every live TorchSharp tensor in the process, so nothing else may run beside it.</summary>
[CollectionDefinition(nameof(RunExecutorTensorTests), DisableParallelization = true)]
public sealed class RunExecutorTensorCollection;

[Collection(nameof(RunExecutorTensorTests))]
public class RunExecutorTensorTests(ITestOutputHelper output)
{
    // The raw Tensor.TotalCount climbed 21 per tiny model: 19 wrappers TorchSharp's Parameter constructor empties but
    // keeps counting (EngineMemory leaves them out, ParameterHandles) and the two rotary tables, which Module.Dispose
    // did not free (a real leak, fixed in RotaryEmbedding.Dispose).
    [Fact]
    public void A_finished_run_leaves_no_live_tensor_behind()
    {
        using var setup = new TinyExperiment(steps: 6);
        var spec = setup.Spec with { EvalInterval = 3 };
        var counts = new List<(string Stage, long Tensors)> { ("start", EngineMemory.Settled().LiveTensors) };
        _ = ExperimentData.Prepare(spec, setup.Directory);
        counts.Add(("data prepared", EngineMemory.Settled().LiveTensors));
        using (var model = RunExecutor.CreateInitialModel(spec, setup.Data)) { }
        counts.Add(("model created and disposed", EngineMemory.Settled().LiveTensors));
        using (var model = RunExecutor.CreateInitialModel(spec, setup.Data))
        {
            model.save_safetensors(Path.Combine(setup.Directory, "probe.safetensors"));
        }

        counts.Add(("model saved and disposed", EngineMemory.Settled().LiveTensors));
        var data = setup.TrainingData();
        counts.Add(("reference log-probs", EngineMemory.Settled().LiveTensors));
        using (var model = RunExecutor.CreateInitialModel(spec, setup.Data))
        using (var trainer = new Trainer(model, data, new Forgetless.Training.Schedules.AlrightSchedule(0.5, 1), setup.Options(4), new CollectingSink()))
        {
            trainer.Run();
        }

        counts.Add(("trainer ran and disposed", EngineMemory.Settled().LiveTensors));
        foreach (var run in new[] { new RunSpec(RunSpec.SftOnly), new RunSpec(RunSpec.Alright, 0.5), new RunSpec(RunSpec.Alright, 0.5), new RunSpec(RunSpec.SftOnly) })
        {
            var context = new RunContext(setup.Directory, Path.Combine(setup.Directory, "runs", Guid.NewGuid().ToString("N")), new CollectingSink());
            RunExecutor.Execute(spec, run, context);
            counts.Add(($"after {run.Id}", EngineMemory.Settled().LiveTensors));
        }

        output.WriteLine(string.Join("\n", counts.Select(c => $"{c.Stage}: {c.Tensors}")));
        // The first run may create what is made once per process (caches); every later run must leave nothing behind.
        var afterFirstRun = counts.First(c => c.Stage.StartsWith("after ", StringComparison.Ordinal)).Tensors;
        var later = counts.SkipWhile(c => !c.Stage.StartsWith("after ", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.Equal(3, later.Count);
        Assert.All(later, c => Assert.True(c.Tensors <= afterFirstRun, string.Join(", ", counts)));
        // A model created and disposed leaves nothing: not its parameters, not its rotary tables.
        Assert.True(counts[2].Tensors <= counts[1].Tensors, string.Join(", ", counts));
    }
}
