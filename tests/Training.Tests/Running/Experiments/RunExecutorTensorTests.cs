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
    // Fails today (2026-12-02, issue 13), and shows where: creating and disposing one tiny model already leaves its 21
    // tensors live (start 0, model created and disposed 21, saved 42, reference log-probs 61, trainer 82, then +19 per run).
    [Fact(Skip = "Known leak, issue 13: a disposed LlamaForCausalLM keeps its 21 tensors live; holder not found yet")]
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
        foreach (var run in new[] { new RunSpec(RunSpec.SftOnly), new RunSpec(RunSpec.Alright, 0.5), new RunSpec(RunSpec.Alright, 0.5) })
        {
            var context = new RunContext(setup.Directory, Path.Combine(setup.Directory, "runs", Guid.NewGuid().ToString("N")), new CollectingSink());
            RunExecutor.Execute(spec, run, context);
            counts.Add(($"after {run.Id}", EngineMemory.Settled().LiveTensors));
        }

        output.WriteLine(string.Join("\n", counts.Select(c => $"{c.Stage}: {c.Tensors}")));
        Assert.All(counts.Skip(2), c => Assert.True(c.Tensors <= counts[1].Tensors, string.Join(", ", counts)));
    }
}
