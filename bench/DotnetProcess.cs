using System.Diagnostics;
using System.Text;

namespace Forgetless.Bench;

/// <summary>
/// <c>dotnet ARGS</c> as a child process with its stdout and stderr collected; the one way the benchmarks start the
/// app (<see cref="ServedApp"/>, <see cref="WorkerProcess"/>). Disposing kills it.
/// </summary>
public sealed class DotnetProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    public DotnetProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output { get { lock (output) return output.ToString(); } }

    public bool HasExited => process.HasExited;

    /// <summary>CPU time the process has used so far (all its threads).</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>SIGKILL to the whole tree, as a crashed machine: no shutdown code runs.</summary>
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
