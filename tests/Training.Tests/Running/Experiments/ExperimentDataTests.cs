using System.Runtime.CompilerServices;
using Forgetless.Training.Running.Experiments;

namespace Forgetless.Training.Tests.Running.Experiments;

public sealed class ExperimentDataTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "forgetless-tests", Guid.NewGuid().ToString("N"));

    private static readonly ExperimentSpec Spec = new()
    {
        SftDataset = ExperimentData.DemoSft,
        PreferenceDataset = ExperimentData.DemoPreference,
        DemoExamples = 24,
        Reference = "initial",
    };

    [Fact]
    public void The_runs_of_one_experiment_share_its_prepared_data()
    {
        var folder = Path.Combine(_root, "one");

        Assert.Same(ExperimentData.Prepare(Spec, folder), ExperimentData.Prepare(Spec, folder));
    }

    [Fact]
    public void Data_of_experiments_prepared_long_ago_is_let_go()
    {
        // A few experiments whose runs shared their data (each prepared twice) before the first: under a pseudo-LRU the
        // first then joins them in its warm queue and stays there for good while later experiments pass through.
        for (var i = 0; i < 3; i++)
        {
            ExperimentData.Prepare(Spec, Path.Combine(_root, $"earlier-{i}"));
            ExperimentData.Prepare(Spec, Path.Combine(_root, $"earlier-{i}"));
        }

        var first = PrepareAndForget(Path.Combine(_root, "first"));
        for (var i = 0; i < 4 * ExperimentData.PreparedCapacity; i++)
        {
            ExperimentData.Prepare(Spec, Path.Combine(_root, $"later-{i}"));
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(first.TryGetTarget(out _), "the first experiment's data is still held after many others were prepared");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<ExperimentData> PrepareAndForget(string folder) => new(ExperimentData.Prepare(Spec, folder));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
