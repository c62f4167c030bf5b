using System.Diagnostics;
using Forgetless.Training.Batches;
using Forgetless.Training.Lora;
using Forgetless.Training.Losses;
using Forgetless.Training.Optimization;
using Forgetless.Training.Running.Checkpoints;
using Forgetless.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Running;

/// <summary>
/// Trains one policy under one schedule: each step asks the schedule for a plan, runs it with AdamW (learning
/// rate from the schedule of the step, gradient clipping, accumulation over micro-batches), and reports the
/// numbers to the sink. Held-out f_SFT and f_DPO are measured at step 0, every eval interval and at the end.
/// Every step runs inside its own dispose scope; only numbers leave it. Cancellation is checked before every step.
/// With LoRA adapters, AdamW optimises only the adapters (the base model must be frozen) and checkpoints hold only them.
/// </summary>
public sealed partial class Trainer : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _policy;
    private readonly TrainingData _data;
    private readonly ISchedule _schedule;
    private readonly TrainerOptions _options;
    private readonly IMetricSink _sink;
    private readonly IdealPoint? _ideal;
    private readonly CheckpointStore? _checkpoints;
    private readonly LoraAdapters? _lora;
    private readonly IReadOnlyList<TorchSharp.Modules.Parameter> _trainable;
    private readonly PolicyObjectives _objectives;
    private readonly HeldOutEvaluator _evaluator;
    private LengthBucketSampler _sftSampler;
    private LengthBucketSampler _dpoSampler;
    private readonly List<EvalPoint> _curve = [];
    private AdamW _optimizer;
    private long _step;
    private long _numTokens;
    private long _sftSteps;
    private long _dpoSteps;
    private double _trainSeconds;
    private double _evalSeconds; // part of _trainSeconds
    private SmoothedLosses _smoothed = SmoothedLosses.None;

    public Trainer(
        nn.Module<Tensor, Tensor> policy, TrainingData data, ISchedule schedule, TrainerOptions options,
        IMetricSink sink, IdealPoint? ideal = null, CheckpointStore? checkpoints = null, LoraAdapters? lora = null)
    {
        (_policy, _data, _schedule, _options, _sink, _ideal, _checkpoints, _lora) = (policy, data, schedule, options, sink, ideal, checkpoints, lora);
        _trainable = lora is null ? [.. policy.parameters()] : AdapterParameters(policy, lora);
        if (options.Threads is { } threads)
        {
            set_num_threads(threads);
        }

        if (options.RecomputeActivations)
        {
            RecomputeActivations(policy, lora);
        }

        _objectives = new PolicyObjectives(policy, new DpoLoss(options.Beta), data.PadId);
        _evaluator = new HeldOutEvaluator(_objectives, data);
        _sftSampler = SftSampler(new SamplerPosition(options.Seed * 2 + 1, 0, 0));
        _dpoSampler = DpoSampler(new SamplerPosition(options.Seed * 2 + 2, 0, 0));
        _optimizer = CreateOptimizer();
        _policy.train();
    }

    private static void RecomputeActivations(nn.Module<Tensor, Tensor> policy, LoraAdapters? lora)
    {
        if (policy is not Model.LlamaForCausalLM llama)
            throw new ArgumentException($"Recomputing activations needs a Llama-family policy, not {policy.GetType().Name}.", nameof(policy));
        if (lora is { Config.Dropout: > 0 })
            throw new ArgumentException("Recomputing activations cannot be combined with LoRA dropout: the recomputed forward would draw other masks.", nameof(lora));
        llama.Model.RecomputeActivations = true;
    }

    /// <summary>Optimiser steps done so far (the next step's 0-based index).</summary>
    public long Step => _step;

    public IReadOnlyList<EvalPoint> Curve => _curve;

    /// <summary>Trains until the step budget is spent or <paramref name="cancellationToken"/> fires.</summary>
    public TrainerOutcome Run(CancellationToken cancellationToken = default)
    {
        var cancelled = false;
        while (_step < _options.Steps)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }

            if (_step % _options.EvalInterval == 0 && !EvaluatedAt(_step))
            {
                Evaluate();
            }

            // Trimming costs a few ms: worth it after long steps (large heaps), not after a tiny model's 10 ms ones.
            if (TrainStep() >= MinStepSecondsToTrimHeap)
            {
                NativeHeap.ReleaseFreedPages();
            }

            if (_options.CheckpointInterval > 0 && _step % _options.CheckpointInterval == 0 && _step < _options.Steps)
            {
                SaveCheckpoint();
            }
        }

        if (!cancelled && !EvaluatedAt(_step))
        {
            Evaluate();
        }

        return new TrainerOutcome(_step, cancelled, [.. _curve], _numTokens, _sftSteps, _dpoSteps, _trainSeconds, _smoothed, _evalSeconds);
    }

    private bool EvaluatedAt(long step) => _curve.Count > 0 && _curve[^1].Step == step;

    private const double MinStepSecondsToTrimHeap = 0.05;

    /// <summary>One optimiser step; returns its wall time in seconds.</summary>
    private double TrainStep()
    {
        var started = Stopwatch.GetTimestamp();
        using var scope = NewDisposeScope();
        _lora?.SeedDropout(DropoutSeed(_step));
        var batches = new StepBatches(_sftSampler, _dpoSampler, _data, _objectives);
        var evaluationsBefore = (_schedule as MaxrightSchedule)?.Evaluations;
        var plan = _schedule.Plan(_step, batches);
        var gapMetrics = MaxrightGapMetrics(evaluationsBefore);
        if (plan.FreshOptimizer)
        {
            _optimizer.Dispose();
            _optimizer = CreateOptimizer();
        }

        var learningRate = _options.LearningRate.At(_step);
        _optimizer.LearningRate = learningRate;

        if (plan.DrawsBothBatches)
        {
            _ = batches.Sft;
            _ = batches.DpoIndices;
        }

        _optimizer.ZeroGrad();
        var result = StepComputation.Run(plan, batches, _objectives, _options.GradientAccumulation);
        if (_options.MaxGradNorm > 0)
        {
            nn.utils.clip_grad_norm_(_trainable, _options.MaxGradNorm);
        }

        _optimizer.Step();
        _schedule.Observe(new StepLosses(_step, result.SftLoss, result.DpoLoss));
        _smoothed = _smoothed.Add(result.SftLoss, result.DpoLoss);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        _trainSeconds += seconds;
        _numTokens += result.Tokens;
        _sftSteps += plan.TrainsSft ? 1 : 0;
        _dpoSteps += plan.TrainsDpo ? 1 : 0;
        _sink.Report([.. result.Metrics(_step, plan, learningRate, result.Tokens / seconds, _numTokens), .. gapMetrics]);
        _step++;
        return seconds;
    }

    // What MAXRIGHT decided this step on, so the page can chart its two gaps and their refresh points.
    private List<MetricPoint> MaxrightGapMetrics(long? evaluationsBefore)
    {
        if (_schedule is not MaxrightSchedule maxright)
        {
            return [];
        }

        var (sft, dpo) = maxright.WeightedGaps;
        List<MetricPoint> points = [new(_step, MetricNames.MaxrightSftGap, sft), new(_step, MetricNames.MaxrightDpoGap, dpo)];
        if (maxright.Evaluations != evaluationsBefore)
        {
            points.Add(new(_step, MetricNames.MaxrightRefresh, 1));
        }

        return points;
    }

    private void Evaluate()
    {
        var started = Stopwatch.GetTimestamp();
        _policy.eval(); // no dropout in held-out losses
        var (losses, accuracy) = _evaluator.Evaluate();
        _policy.train();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        _trainSeconds += seconds;
        _evalSeconds += seconds;
        var point = new EvalPoint(_step, losses.Sft, losses.Dpo, accuracy, _ideal?.DistanceTo(losses));
        _curve.Add(point);
        List<MetricPoint> metrics =
        [
            new(_step, MetricNames.EvalSftLoss, losses.Sft),
            new(_step, MetricNames.EvalDpoLoss, losses.Dpo),
            new(_step, MetricNames.EvalRewardAccuracy, accuracy),
        ];
        if (_ideal is { } ideal)
        {
            metrics.Add(new(_step, MetricNames.SftGap, ideal.ReportedSftGap(losses.Sft)));
            metrics.Add(new(_step, MetricNames.DpoGap, ideal.ReportedDpoGap(losses.Dpo)));
            metrics.Add(new(_step, MetricNames.IdealDistance, ideal.DistanceTo(losses)));
        }

        _sink.Report(metrics);
    }

    private LengthBucketSampler SftSampler(SamplerPosition position) =>
        new([.. _data.SftTrain.Select(e => e.Length)], _options.SftBatchSize, position);

    private LengthBucketSampler DpoSampler(SamplerPosition position) =>
        new([.. _data.PreferenceTrain.Select(e => e.Length)], _options.DpoBatchSize, position);

    /// <summary>Each step's dropout masks depend only on the seed and the step, so a resumed run draws the same ones.</summary>
    private long DropoutSeed(long step) => _options.Seed * 1_000_003L + step;

    private static List<TorchSharp.Modules.Parameter> AdapterParameters(nn.Module policy, LoraAdapters lora)
    {
        var unfrozen = policy.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name).ToList();
        if (unfrozen.Count > 0)
        {
            throw new InvalidOperationException($"LoRA trains only the adapters, but base parameters still require gradients: {string.Join(", ", unfrozen.Take(5))}.");
        }

        return [.. lora.parameters()];
    }

    private AdamW CreateOptimizer() =>
        new(_trainable, _options.LearningRate.At(_step), _options.AdamBeta1, _options.AdamBeta2, _options.WeightDecay);

    public void Dispose() => _optimizer.Dispose();
}
