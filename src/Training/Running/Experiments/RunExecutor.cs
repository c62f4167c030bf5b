using System.Diagnostics;
using Forgetless.Training.Checkpoints;
using Forgetless.Training.Lora;
using Forgetless.Training.Model;
using Forgetless.Training.Running.Checkpoints;
using Forgetless.Training.Running.Reference;
using Forgetless.Training.Schedules;
using Forgetless.Training.Tensors;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Forgetless.Training.Running.Experiments;

/// <summary>
/// Runs one run of an experiment, start to end: the shared data, the same starting model θ₀ for every run
/// (seeded), the shared reference log-probs (cached), the schedule, the trainer, and the run's result. The web
/// service calls this once per run, each with its own folder, sink and cancellation token. With LoRA, adapters are
/// attached to θ₀ and only they train; the final model is written merged (base keys) and the adapters alone in PEFT
/// layout in the run folder.
/// </summary>
public static class RunExecutor
{
    public const string FinalModelFileName = "final-model.safetensors";

    public static RunResult Execute(ExperimentSpec spec, RunSpec run, RunContext context, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        if (spec.Threads is { } threads)
        {
            set_num_threads(threads);
        }

        var memory = new PeakRssSink(context.Sink); // sampled from the start: loading data and model is part of the run's cost
        var data = ExperimentData.Prepare(spec, context.ExperimentDirectory);
        using var policy = CreateInitialModel(spec, data);
        policy.to(device(context.Device));
        using var lora = spec.Lora is { } loraSpec ? LoraAdapters.Attach(policy, loraSpec.ToConfig()) : null;
        var reference = ResolveReference(spec, run, context, data, policy, lora);
        var (sftTrain, sftHeldOut) = run.IsReferenceRun ? ChosenResponses(data) : (data.SftTrain, data.SftHeldOut);
        var training = new TrainingData(sftTrain, sftHeldOut, data.PreferenceTrain, data.PreferenceHeldOut,
            Slice(reference, 0, data.PreferenceTrain.Count), Slice(reference, data.PreferenceTrain.Count, data.PreferenceHeldOut.Count),
            data.Tokenizer.PadId);
        var schedule = run.CreateSchedule(spec.Steps, (ulong)spec.Seed, context.Ideal ?? IdealPoint.Origin);
        var store = new CheckpointStore(Path.Combine(context.RunDirectory, "checkpoints"), mayWrite: context.MayWriteCheckpoint);
        var selfReference = IsOwnReference(spec, run, context);
        IMetricSink sink = selfReference ? new SelfReferenceSink(memory, spec.Steps) : memory;
        using var trainer = new Trainer(policy, training, schedule, Options(spec), sink, context.Ideal,
            spec.CheckpointInterval > 0 ? store : null, lora)
        {
            // Every checkpoint, not only the last, downloads as a folder transformers loads (the run page offers the newest).
            WriteModelFiles = directory => ModelFolderExport.Write(directory, policy, data.Tokenizer, data.PretrainedFolder, writeWeights: false),
        };
        if (context.Resume && (context.ResumeFrom ?? store.Latest()) is { } latest)
        {
            trainer.RestoreCheckpoint(latest);
            context.Log?.WriteLine($"{run.Id}: resumed at step {trainer.Step} from {latest}");
        }

        var outcome = trainer.Run(cancellationToken);
        var lastCheckpoint = SaveLastCheckpoint(trainer, outcome);
        Directory.CreateDirectory(context.RunDirectory);
        var baseModel = data.PretrainedFolder ?? spec.Model;
        if (lora is not null)
        {
            lora.SavePeft(context.RunDirectory, baseModel);
            if (lastCheckpoint is not null) lora.SavePeft(lastCheckpoint, baseModel);
            lora.MergeAndUnload();
        }

        // The checkpoint already holds config and tokenizer (Trainer.WriteModelFiles); a LoRA run adds its merged weights.
        if (lastCheckpoint is not null && lora is not null)
        {
            ModelFolderExport.Write(lastCheckpoint, policy, data.Tokenizer, data.PretrainedFolder, writeWeights: true);
        }

        var finalModel = Path.Combine(context.RunDirectory, FinalModelFileName);
        policy.save_safetensors(finalModel);
        var curve = selfReference && !outcome.Cancelled ? SelfReferenceSink.Curve(outcome.Curve, outcome.StepsDone) : outcome.Curve;
        var final = curve.Count == 0 ? new ObjectiveLosses(double.NaN, double.NaN) : new ObjectiveLosses(curve[^1].SftLoss, curve[^1].DpoLoss);
        return new RunResult
        {
            Id = run.Id,
            Schedule = run.Kind,
            Lambda = run.Lambda,
            Seed = spec.Seed,
            Steps = outcome.StepsDone,
            Final = new FinalLosses(final.Sft, final.Dpo, context.Ideal?.DistanceTo(final)),
            ForgettingSft = Forgetting.Sft(curve, run.DpoStageStart(spec.Steps)),
            ForgettingDpo = Forgetting.Dpo(curve, run.SftStageStart(spec.Steps)),
            TrainingLosses = outcome.Smoothed ?? SmoothedLosses.None,
            DpoStepShare = outcome.StepsDone == 0 ? 0 : (double)outcome.DpoSteps / outcome.StepsDone,
            WallSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
            TokensPerSecond = outcome.TokensPerSecond,
            NumTokens = outcome.NumTokens,
            TrainSeconds = outcome.TrainSeconds,
            EvalSeconds = outcome.EvalSeconds,
            PeakRssMb = memory.Sample() / (1024.0 * 1024.0),
            Cancelled = outcome.Cancelled,
            Curve = curve,
            FinalModelPath = finalModel,
            AdapterPath = lora is null ? null : context.RunDirectory,
        };
    }

    /// <summary>The pref-SFT reference run trains SFT on the preference data's chosen responses (prompt masked, as in SFT).</summary>
    public static (IReadOnlyList<Batches.TokenizedSft> Train, IReadOnlyList<Batches.TokenizedSft> HeldOut) ChosenResponses(ExperimentData data) =>
        ([.. data.PreferenceTrain.Select(Chosen)], [.. data.PreferenceHeldOut.Select(Chosen)]);

    private static Batches.TokenizedSft Chosen(Batches.TokenizedPreference pair) => new(pair.ChosenIds, pair.ResponseStart);

    /// <summary>The SFT-only run of an <c>sft_optimum</c> experiment: its own final model is the reference.</summary>
    private static bool IsOwnReference(ExperimentSpec spec, RunSpec run, RunContext context) =>
        spec.Reference == ExperimentSpec.SftOptimumReference && run.Kind == RunSpec.SftOnly && context.ReferenceModelPath is null;

    /// <summary>
    /// Every run that trained ends with a checkpoint of its last step (completed or cancelled), so it can be resumed,
    /// sampled and exported even when its budget is shorter than the checkpoint interval; <see cref="ModelFolderExport"/>
    /// then makes it a Hugging Face folder (config, generation config, tokenizer; for LoRA the merged weights).
    /// </summary>
    private static string? SaveLastCheckpoint(Trainer trainer, TrainerOutcome outcome) =>
        outcome.StepsDone > 0 ? trainer.SaveCheckpoint() : null;

    /// <summary>
    /// θ₀: a pretrained model when the spec names one, else the same seeded initialisation in every run of an experiment. The weights are drawn again from a private
    /// generator (HF's scheme: N(0, initializer_range), norms 1), because the global torch generator is shared by
    /// every thread: two runs or tests building models at once would otherwise interleave their draws.
    /// </summary>
    public static LlamaForCausalLM CreateInitialModel(ExperimentSpec spec, ExperimentData data)
    {
        if (data.PretrainedFolder is { } folder)
        {
            return PretrainedSource.LoadLlama(folder, data.ModelConfig);
        }

        var model = new LlamaForCausalLM(data.ModelConfig);
        using var generator = new Generator((ulong)spec.Seed);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (!name.EndsWith("norm.weight", StringComparison.Ordinal))
            {
                using var draw = randn(parameter.shape, generator: generator);
                parameter.copy_(draw.TimesInPlace(data.ModelConfig.InitializerRange));
            }
        }

        return model;
    }

    public static TrainerOptions Options(ExperimentSpec spec) => new()
    {
        Steps = spec.Steps,
        LearningRate = new LearningRateSchedule(spec.LearningRate, spec.WarmupSteps, spec.Cosine, spec.Steps, spec.MinLearningRate),
        SftBatchSize = spec.SftBatchSize,
        DpoBatchSize = spec.DpoBatchSize,
        GradientAccumulation = spec.GradientAccumulation,
        AdamBeta1 = spec.AdamBeta1,
        AdamBeta2 = spec.AdamBeta2,
        WeightDecay = spec.WeightDecay,
        MaxGradNorm = spec.MaxGradNorm,
        Beta = spec.Beta,
        EvalInterval = spec.EvalInterval,
        CheckpointInterval = spec.CheckpointInterval,
        Seed = spec.Seed,
        Threads = spec.Threads,
        RecomputeActivations = spec.RecomputeActivations,
    };

    /// <summary>
    /// The reference log-probs of every preference pair (training pairs, then held-out pairs). θ₀ as reference is
    /// <paramref name="initialPolicy"/> itself before training (with LoRA: with its adapters switched off, so no second
    /// copy; the cache key hashes the base weights). A saved reference (the SFT optimum, merged) is loaded into a new
    /// model. The SFT-only run of an <c>sft_optimum</c> experiment cannot use its own final model while it trains, so
    /// its live DPO numbers are measured against θ₀ and reported under other names (<see cref="SelfReferenceSink"/>).
    /// The pref-SFT reference run itself measures f_DPO against θ₀ (it is no part of the comparison).
    /// </summary>
    public static ReferenceLogProbs ResolveReference(
        ExperimentSpec spec, RunSpec run, RunContext context, ExperimentData data, nn.Module<Tensor, Tensor> initialPolicy, LoraAdapters? lora)
    {
        var path = spec.Reference switch
        {
            ExperimentSpec.InitialReference => null,
            _ when run.IsReferenceRun => null,
            ExperimentSpec.SftOptimumReference when IsOwnReference(spec, run, context) => null,
            ExperimentSpec.SftOptimumReference => context.ReferenceModelPath
                ?? throw new InvalidOperationException($"Run '{run.Id}' needs the SFT-optimum reference: run sft_only first and pass its final model."),
            ExperimentSpec.PrefSftReference => context.ReferenceModelPath
                ?? throw new InvalidOperationException($"Run '{run.Id}' needs the pref-SFT reference: run pref_sft first and pass its final model."),
            var file when Directory.Exists(file) => Path.Combine(file, "model.safetensors"),
            var file => file,
        };
        if (path is null)
        {
            using var baseModel = lora?.Disabled();
            return ReferenceLogProbsFor(initialPolicy, data, context.ExperimentDirectory, spec.MaxLength);
        }

        using var model = CreateInitialModel(spec, data);
        model.load_safetensors(path);
        model.to(device(context.Device));
        return ReferenceLogProbsFor(model, data, context.ExperimentDirectory, spec.MaxLength);
    }

    public static ReferenceLogProbs ReferenceLogProbsFor(nn.Module<Tensor, Tensor> model, ExperimentData data, string experimentDirectory, int maxLength)
    {
        var key = ReferenceCacheKey.Compute(ReferenceCacheKey.HashWeights(model), ReferenceCacheKey.HashDataset(data.Preferences),
            data.Tokenizer.Name, data.Template.Name, maxLength);
        return new ReferenceLogProbCache(Path.Combine(experimentDirectory, "reference-cache")).GetOrCompute(key, () =>
        {
            var (chosen, rejected) = PolicyObjectives.LogProbs(model, [.. data.PreferenceTrain, .. data.PreferenceHeldOut], data.Tokenizer.PadId);
            return new ReferenceLogProbs(chosen, rejected);
        });
    }

    private static ReferenceLogProbs Slice(ReferenceLogProbs all, int start, int count) =>
        new(all.Chosen[start..(start + count)], all.Rejected[start..(start + count)]);
}
