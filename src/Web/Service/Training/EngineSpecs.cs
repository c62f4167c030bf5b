using System.Text.Json;
using Forgetless.Data.Entities;
using Forgetless.Training.Model;
using Forgetless.Training.Running.Experiments;
using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Storage;

namespace Forgetless.Web.Service.Training;

/// <summary>Maps stored runs (their <see cref="RunPlan"/> JSON) to the engine's specs: the one place records meet entities.</summary>
public static class EngineSpecs
{
    public static ExperimentSpec Experiment(Experiment experiment, Run run, DataDirectory dataDirectory, TrainingOptions options)
    {
        var plan = JsonSerializer.Deserialize<RunPlan>(run.SpecJson, ExperimentCommands.Json) ?? throw new InvalidOperationException($"Run {run.Id} has no plan.");
        var h = plan.Hyperparameters;
        return new ExperimentSpec
        {
            Name = experiment.Name,
            SftDataset = dataDirectory.Resolve(experiment.SftDataset!.StoredPath),
            PreferenceDataset = dataDirectory.Resolve(experiment.PreferenceDataset!.StoredPath),
            // An imported model is stored as its folder relative to the data directory; presets pass by name.
            Model = LlamaPresets.Names.Contains(plan.Model) ? plan.Model : dataDirectory.Resolve(plan.Model),
            Template = h.Template,
            Reference = plan.ReferenceChoice,
            Steps = h.Steps,
            SftBatchSize = h.SftBatchSize,
            DpoBatchSize = h.DpoBatchSize,
            LearningRate = h.LearningRate,
            WarmupSteps = h.WarmupSteps,
            Beta = h.Beta,
            EvalInterval = h.EvalInterval,
            EvalExamples = h.EvalExamples,
            // Checkpoints are what crash recovery resumes from, so a run always has them.
            CheckpointInterval = Math.Max(1, Math.Min(options.CheckpointEvery, h.Steps)),
            Seed = h.Seed,
            MaxLength = h.MaxLength,
            Lora = h.Lora,
            Threads = options.ThreadsPerRun > 0 ? options.ThreadsPerRun : null,
            RecomputeActivations = options.RecomputeActivations,
        }.Validate();
    }

    public static RunSpec Run(Run run) => run.Role switch
    {
        RunRole.SftOptimum => new RunSpec(RunSpec.SftOnly),
        RunRole.DpoOptimum => new RunSpec(RunSpec.DpoOnly),
        RunRole.PrefSftReference => new RunSpec(RunSpec.PrefSft),
        _ => new RunSpec(run.Schedule, run.Lambda, run.K ?? 1),
    };
}
