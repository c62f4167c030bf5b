using Forgetless.Training.Losses;
using Forgetless.Training.Schedules;
using Forgetless.Training.Tensors;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Forgetless.Training.Running.Experiments;

/// <summary>
/// The baseline nobody trains: the straight line between two trained models. Every parameter is
/// (1 − α)·θ_SFT-only + α·θ_Sequential, and both held-out objectives are measured at each α exactly as the
/// trainer measures them (same held-out examples, same reference log-probs), so α = 0 and α = 1 reproduce the two
/// runs' final losses. No training: a few forward passes per α.
/// </summary>
public static class WeightInterpolation
{
    public static IReadOnlyList<double> DefaultAlphas { get; } = [0, 0.25, 0.5, 0.75, 1];

    /// <summary>
    /// <paramref name="sftModelPath"/> and <paramref name="sequentialModelPath"/> are the runs' final weights
    /// (<see cref="RunExecutor.FinalModelFileName"/>); <paramref name="referenceModelPath"/> is what the experiment's
    /// DPO reference is (the SFT optimum's final model, or null for <c>initial</c>).
    /// </summary>
    public static IReadOnlyList<InterpolationResult> Evaluate(
        ExperimentSpec spec, string experimentDirectory, string sftModelPath, string sequentialModelPath, string? referenceModelPath,
        string device = "cpu", IReadOnlyList<double>? alphas = null)
    {
        if (spec.Threads is { } threads)
        {
            set_num_threads(threads);
        }

        var data = ExperimentData.Prepare(spec, experimentDirectory);
        using var policy = RunExecutor.CreateInitialModel(spec, data);
        policy.to(torch.device(device));
        var context = new RunContext(experimentDirectory, experimentDirectory, NoSink.Instance, ReferenceModelPath: referenceModelPath, Device: device);
        var reference = RunExecutor.ResolveReference(spec, new RunSpec(RunSpec.SequentialSftDpo, 0.5), context, data, policy, lora: null);
        var trainCount = data.PreferenceTrain.Count;
        var heldOut = new TrainingData(data.SftTrain, data.SftHeldOut, data.PreferenceTrain, data.PreferenceHeldOut,
            new(reference.Chosen[..trainCount], reference.Rejected[..trainCount]), new(reference.Chosen[trainCount..], reference.Rejected[trainCount..]),
            data.Tokenizer.PadId);
        var evaluator = new HeldOutEvaluator(new PolicyObjectives(policy, new DpoLoss(spec.Beta), data.Tokenizer.PadId), heldOut);
        using var start = Weights(spec, data, sftModelPath, device);
        using var end = Weights(spec, data, sequentialModelPath, device);
        var startWeights = start.state_dict();
        var endWeights = end.state_dict();
        policy.eval();
        var results = new List<InterpolationResult>();
        foreach (var alpha in alphas ?? DefaultAlphas)
        {
            using (no_grad())
            {
                foreach (var (name, parameter) in policy.named_parameters())
                {
                    using var scope = NewDisposeScope();
                    // α = 0 and α = 1 copy one model's weights bit for bit (x·1 + y·0 = x for finite y).
                    parameter.copy_(startWeights[name].Times(1 - alpha).AddInPlace(endWeights[name].Times(alpha)));
                }
            }

            var (losses, _) = evaluator.Evaluate();
            results.Add(new InterpolationResult(alpha, losses.Sft, losses.Dpo));
        }

        return results;
    }

    private static Model.LlamaForCausalLM Weights(ExperimentSpec spec, ExperimentData data, string path, string device)
    {
        var model = RunExecutor.CreateInitialModel(spec, data);
        model.load_safetensors(path);
        model.to(torch.device(device));
        return model;
    }

    private sealed class NoSink : IMetricSink
    {
        public static readonly NoSink Instance = new();

        public void Report(IReadOnlyList<MetricPoint> points)
        {
        }
    }
}
