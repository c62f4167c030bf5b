using Forgetless.Training.Running.Checkpoints;

namespace Forgetless.Training.Tests.Running.Checkpoints;

public class CheckpointStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "forgetless-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_failed_write_leaves_no_checkpoint_and_the_previous_one_stays_latest()
    {
        var store = new CheckpointStore(_directory);
        var first = store.Save(10, dir => File.WriteAllText(Path.Combine(dir, "a.txt"), "ten"));

        Assert.Throws<IOException>(() => store.Save(20, dir =>
        {
            File.WriteAllText(Path.Combine(dir, "a.txt"), "half");
            throw new IOException("disk full");
        }));

        Assert.Equal(first, store.Latest());
        Assert.Equal("ten", File.ReadAllText(Path.Combine(store.Latest()!, "a.txt")));
        Assert.Single(Directory.GetDirectories(_directory));
    }

    [Fact]
    public void A_process_that_no_longer_holds_the_run_puts_no_checkpoint_in_place_and_leaves_the_older_ones_alone()
    {
        var holds = true;
        var store = new CheckpointStore(_directory, keep: 1, mayWrite: () => holds);
        var first = store.Save(10, dir => File.WriteAllText(Path.Combine(dir, "a.txt"), "ten"));

        holds = false;
        Assert.Throws<OperationCanceledException>(() => store.Save(15, dir => File.WriteAllText(Path.Combine(dir, "a.txt"), "stale")));

        // Neither a step-15 folder nor the pruning of step 10 that keep = 1 would have done: the new owner resumes from it.
        Assert.Equal(first, store.Latest());
        Assert.Equal(["step-000010"], Directory.GetDirectories(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Leftover_partial_folders_are_ignored_and_only_the_newest_are_kept()
    {
        var store = new CheckpointStore(_directory, keep: 2);
        Directory.CreateDirectory(Path.Combine(_directory, "step-000099-abc.partial"));

        foreach (var step in new[] { 5L, 10L, 15L })
        {
            store.Save(step, dir => File.WriteAllText(Path.Combine(dir, "s"), step.ToString()));
        }

        Assert.EndsWith("step-000015", store.Latest());
        Assert.Equal(["step-000010", "step-000015"], Directory.GetDirectories(_directory).Select(Path.GetFileName).Order());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
