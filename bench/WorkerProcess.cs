using System.Diagnostics;
using System.Text;

namespace Forgetless.Bench;

/// <summary>A <c>Forgetless.Web.dll worker</c> process (training only) on a store and data directory; disposing kills it.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    public WorkerProcess(string name, string dataDir, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { ServedApp.BuiltDll(), "worker", "--data-dir", dataDir, "--name", name, "--device", "cpu" }) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string Output { get { lock (output) return output.ToString(); } }

    /// <summary>SIGKILL, as a crashed machine: no shutdown code runs, the lease is left to expire.</summary>
    public void KillHard()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        KillHard();
        process.Dispose();
    }
}
