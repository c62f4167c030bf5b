using System.Diagnostics;
using System.Text;

namespace Forgetless.Bench;

/// <summary>A <c>Forgetless.Web.dll worker</c> process (training only) on a store and data directory; disposing kills it.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly StringBuilder output = new();
    private readonly Process process;
    private bool killed;

    public WorkerProcess(string name, string dataDir, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        process = ServedApp.StartDotnet([ServedApp.BuiltDll(), "worker", "--data-dir", dataDir, "--name", name, "--device", "cpu"], environment, output);
    }

    public string Name { get; }

    public string Output { get { lock (output) return output.ToString(); } }

    /// <summary>True when the process ended without <see cref="KillHard"/>: it crashed or gave up.</summary>
    public bool DiedByItself => process.HasExited && !killed;

    /// <summary>SIGKILL, as a crashed machine: no shutdown code runs, the lease is left to expire.</summary>
    public void KillHard()
    {
        killed = true;
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        KillHard();
        process.Dispose();
    }
}
