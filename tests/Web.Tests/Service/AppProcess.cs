using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Forgetless.Web.Tests.Service;

/// <summary>The built app as a real process (<c>dotnet Forgetless.Web.dll serve</c>), its output captured.</summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private AppProcess(string dll, string dataDir, int port, IReadOnlyDictionary<string, string> environment)
        : this($"http://127.0.0.1:{port}", [dll, "serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir], environment)
    {
    }

    private AppProcess(string url, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        Url = url;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Url { get; }

    public string Output { get { lock (output) return output.ToString(); } }

    /// <summary>src/Web's build output for the configuration these tests were built in, or null when it is not built.</summary>
    public static string? BuiltDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "src", "Web", "bin", configuration, "net10.0", "Forgetless.Web.dll");
            if (File.Exists(dll)) return dll;
        }

        return null;
    }

    public static async Task<AppProcess> StartAsync(string dll, string dataDir, int port, IReadOnlyDictionary<string, string> environment)
    {
        var app = new AppProcess(dll, dataDir, port, environment);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddMinutes(3); // start-up migrates and seeds: slow on a loaded 2-core machine
        while (DateTime.UtcNow < deadline && !app.process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(app.Url + "/health")).IsSuccessStatusCode) return app;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        app.Dispose();
        throw new InvalidOperationException($"The app did not become healthy:\n{app.Output}");
    }

    /// <summary><c>worker</c> verb: a training-only process; returns once it says it has started.</summary>
    public static async Task<AppProcess> StartWorkerAsync(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var app = new AppProcess("", [dll, "worker", .. args], environment);
        var deadline = DateTime.UtcNow.AddMinutes(3); // it migrates nothing but loads TorchSharp: slow on a loaded 2-core machine
        while (DateTime.UtcNow < deadline && !app.process.HasExited)
        {
            if (app.Output.Contains("Training service started as worker", StringComparison.Ordinal)) return app;
            await Task.Delay(200);
        }

        app.Dispose();
        throw new InvalidOperationException($"The worker did not start:\n{app.Output}");
    }

    public int ProcessId => process.Id;

    /// <summary>SIGSTOP / SIGCONT: the process freezes (no heartbeat, no writes) and later carries on where it was.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash.</summary>
    public void KillHard()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited) KillHard();
        process.Dispose();
    }
}
