using System.Net;
using System.Net.Sockets;
using Forgetless.Web.Service.Queue;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Web.Tests.E2E;

/// <summary>The whole app on real Kestrel in the test process, with its own empty data directory.</summary>
public sealed class KestrelAppFactory : WebApplicationFactory<Program>
{
    private readonly bool _seedDemoData;
    private readonly bool _train;
    private readonly bool _holdQueue;
    private readonly bool _ownsDataDirectory;

    /// <param name="seedDemoData">Generate the built-in demo datasets on start (the one-click comparison's data).</param>
    /// <param name="train">Claim and train queued runs; off, runs stay Queued (for tests of who may act on them).</param>
    /// <param name="holdQueue">Train, but claim nothing until <see cref="ReleaseQueue"/> (a page opened on queued runs).</param>
    /// <param name="port">A port to listen on (a restart of a stopped app on its port); a free one when null.</param>
    /// <param name="dataDirectory">An existing data directory to start on, which the caller owns (a restart keeps its
    /// database and sign-in keys); a fresh one, deleted on dispose, when null.</param>
    public KestrelAppFactory(bool seedDemoData = false, bool train = true, bool holdQueue = false, int? port = null, string? dataDirectory = null)
    {
        _seedDemoData = seedDemoData;
        _train = train;
        _holdQueue = holdQueue;
        Port = port ?? FreePort();
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "forgetless-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(DataDirectory);
        UseKestrel(Port);
        StartServer();
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Lets the worker start claiming the runs held back by <c>holdQueue</c>.</summary>
    public void ReleaseQueue() => ((HeldRunQueue)Services.GetRequiredService<IRunQueue>()).Release();

    /// <summary>The first-run admin's password, which the service writes beside the database.</summary>
    public string AdminPassword() => File.ReadAllText(Path.Combine(DataDirectory, "admin-password.txt")).Trim();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Forgetless:DataDir", DataDirectory);
        builder.UseSetting("Forgetless:SeedDemoData", _seedDemoData ? "true" : "false");
        if (!_train) builder.UseSetting("Training:ClaimRuns", "false");
        builder.UseUrls(BaseUrl);
        if (_holdQueue)
        {
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<LeasedRunQueue>();
                services.AddSingleton<IRunQueue>(sp => new HeldRunQueue(sp.GetRequiredService<LeasedRunQueue>()));
            });
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!_ownsDataDirectory) return;
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; a temp folder left behind is harmless.
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
