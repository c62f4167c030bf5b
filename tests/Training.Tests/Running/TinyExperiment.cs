using Forgetless.Training.Model;
using Forgetless.Training.Running;
using Forgetless.Training.Running.Experiments;
using Forgetless.Training.Schedules;

namespace Forgetless.Training.Tests.Running;

/// <summary>A few dozen demo examples, the tiny model and the initial model as reference: enough to train in seconds.</summary>
internal sealed class TinyExperiment : IDisposable
{
    public TinyExperiment(int examples = 48, int steps = 10)
    {
        Directory = Path.Combine(Path.GetTempPath(), "forgetless-tests", Guid.NewGuid().ToString("N"));
        Spec = new ExperimentSpec
        {
            Name = "tiny-test",
            SftDataset = ExperimentData.DemoSft,
            PreferenceDataset = ExperimentData.DemoPreference,
            DemoExamples = examples,
            Reference = "initial",
            Steps = steps,
            SftBatchSize = 4,
            DpoBatchSize = 4,
            LearningRate = 3e-3,
            EvalInterval = 5,
            EvalExamples = 8,
            MaxLength = 48,
            Threads = 1,
            Schedules = [new ScheduleSpec { Kind = RunSpec.Alright, Lambdas = [0.5] }],
        }.Validate();
        Data = ExperimentData.Prepare(Spec, Directory);
    }

    public string Directory { get; }

    public ExperimentSpec Spec { get; }

    public ExperimentData Data { get; }

    public TrainingData TrainingData()
    {
        using var reference = RunExecutor.CreateInitialModel(Spec, Data);
        var all = RunExecutor.ReferenceLogProbsFor(reference, Data, Directory, Spec.MaxLength);
        var train = Data.PreferenceTrain.Count;
        return new TrainingData(Data.SftTrain, Data.SftHeldOut, Data.PreferenceTrain, Data.PreferenceHeldOut,
            new(all.Chosen[..train], all.Rejected[..train]), new(all.Chosen[train..], all.Rejected[train..]), Data.Tokenizer.PadId);
    }

    public LlamaForCausalLM Model(int seed) => RunExecutor.CreateInitialModel(Spec with { Seed = seed }, Data);

    public TrainerOptions Options(long steps, int checkpointInterval = 0) =>
        RunExecutor.Options(Spec with { Steps = (int)steps, CheckpointInterval = checkpointInterval });

    public static ISchedule Maxright() => new MaxrightSchedule(0.5, 3, IdealPoint.Origin);

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
