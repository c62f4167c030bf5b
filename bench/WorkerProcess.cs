namespace Forgetless.Bench;

/// <summary>A <c>Forgetless.Web.dll worker</c> process (training only) on a store and data directory; disposing kills it.</summary>
public sealed class WorkerProcess(string name, string dataDir, IReadOnlyDictionary<string, string> environment) : IDisposable
{
    private readonly DotnetProcess process = new([ServedApp.BuiltDll(), "worker", "--data-dir", dataDir, "--name", name, "--device", "cpu"], environment);
    private bool killed;

    public string Name { get; } = name;

    public string Output => process.Output;

    /// <summary>True when the process ended without <see cref="KillHard"/>: it crashed or gave up.</summary>
    public bool DiedByItself => process.HasExited && !killed;

    /// <summary>SIGKILL, as a crashed machine: no shutdown code runs, the lease is left to expire.</summary>
    public void KillHard()
    {
        killed = true;
        process.KillHard();
    }

    public void Dispose()
    {
        killed = true;
        process.Dispose();
    }
}
