using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Forgetless.Bench;

/// <summary>
/// The built web app as a real process (<c>dotnet src/Web/bin/Release/net10.0/Forgetless.Web.dll serve</c>) on a free
/// port and a fresh data directory, with a client signed in as the first-run admin. Disposing kills it and deletes the folder.
/// </summary>
public sealed class ServedApp : IDisposable
{
    private readonly DotnetProcess process;

    private ServedApp(string dll, IReadOnlyDictionary<string, string> environment, string[] extraArgs)
    {
        DataDir = Path.Combine(Path.GetTempPath(), "forgetless-bench-app-" + Guid.NewGuid().ToString("n"));
        Url = $"http://127.0.0.1:{FreePort()}";
        process = new DotnetProcess([dll, "serve", "--urls", Url, "--data-dir", DataDir, .. extraArgs], environment);
        Client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(Url) };
        Client.DefaultRequestHeaders.Add("Origin", Url.TrimEnd('/')); // signed-in writes must be same-origin, as from the app's pages
    }

    public string Url { get; }

    public string DataDir { get; }

    /// <summary>Holds the admin's auth cookie once <see cref="StartAsync"/> returns.</summary>
    public HttpClient Client { get; }

    public string Output => process.Output;

    /// <summary>CPU time the app's process has used so far (all its threads).</summary>
    public TimeSpan CpuTime() => process.CpuTime();

    /// <summary>Starts <c>serve</c> with <paramref name="extraArgs"/> (e.g. <c>--no-worker</c>) and signs in.</summary>
    public static async Task<ServedApp> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] extraArgs)
    {
        var app = new ServedApp(BuiltDll(), environment, extraArgs);
        try
        {
            await app.WaitHealthyAsync();
            var password = (await File.ReadAllTextAsync(Path.Combine(app.DataDir, "admin-password.txt"))).Trim();
            (await app.Client.PostAsJsonAsync("/api/auth/login", new { name = "admin", password })).EnsureSuccessStatusCode();
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        process.Dispose();
        if (Directory.Exists(DataDir)) Directory.Delete(DataDir, recursive: true);
    }

    // The repository root is the first folder above the bench's output that holds src/Web.
    public static string BuiltDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!Directory.Exists(Path.Combine(dir.FullName, "src", "Web"))) continue;
            var dll = Path.Combine(dir.FullName, "src", "Web", "bin", "Release", "net10.0", "Forgetless.Web.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the web app first: dotnet build src/Web -c Release ({dll} is missing)");
        }

        throw new DirectoryNotFoundException($"No repository root (a folder with src/Web) above {AppContext.BaseDirectory}");
    }

    private async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(3); // start-up migrates and seeds: slow on a loaded 2-core machine
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await Client.GetAsync("/health")).IsSuccessStatusCode && File.Exists(Path.Combine(DataDir, "admin-password.txt"))) return;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"The app did not become healthy:\n{Output}");
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
