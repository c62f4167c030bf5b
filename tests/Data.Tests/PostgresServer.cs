using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;

namespace Forgetless.Data.Tests;

/// <summary>
/// A real PostgreSQL server: <c>initdb</c> into a temporary folder and <c>pg_ctl start</c> on a free loopback port (as the
/// unprivileged <c>postgres</c> user when the tests run as root), stopped and removed on dispose. Test classes share
/// <see cref="Shared"/> (one server per test run, a fresh database per test) so the PostgreSQL variants stay fast.
/// When the binaries are missing it installs Debian's <c>postgresql</c> (root only); <see cref="Unavailable"/> says why
/// when that is impossible, and the tests skip with that message.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string User = "forgetless";
    private readonly string? bin;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "forgetless-pg-" + Guid.NewGuid().ToString("n")[..12]);
    private static readonly Lazy<PostgresServer> SharedServer = new(StartShared, LazyThreadSafetyMode.ExecutionAndPublication);
    private int databases;
    private int disposed;

    public PostgresServer()
    {
        bin = FindBinaries() ?? (TryInstall() ? FindBinaries() : null);
        if (bin is null)
        {
            Unavailable = "PostgreSQL is not installed here and could not be installed (apt-get install postgresql needs root)";
            return;
        }

        Port = FreePort();
        Directory.CreateDirectory(folder);
        if (IsRoot) Run("chown", "-R", "postgres:postgres", folder);
        AsServerUser(Path.Combine(bin, "initdb"), "-D", Path.Combine(folder, "data"), "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync");
        AsServerUser(Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"), "-w", "-t", "120",
            "-o", $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200", "start");
    }

    /// <summary>The test run's server, started on first use and stopped when the test process exits.</summary>
    public static PostgresServer Shared => SharedServer.Value;

    /// <summary>Null when the server runs; otherwise why it does not (the skip message).</summary>
    public string? Unavailable { get; }

    public int Port { get; }

    /// <summary>A fresh, empty database on the server; its connection string.</summary>
    public string CreateDatabase()
    {
        var name = $"test{Interlocked.Increment(ref databases)}_{Guid.NewGuid():n}"[..20];
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/> (closing its pooled and open connections), so a run of
    /// many tests does not fill the temporary folder.</summary>
    public void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using (var pooled = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(pooled);
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database, MaxPoolSize = 20 }.ToString();

    public void Dispose()
    {
        if (bin is null || Interlocked.Exchange(ref disposed, 1) == 1) return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            AsServerUser(Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static PostgresServer StartShared()
    {
        RemoveStoppedServers();
        var server = new PostgresServer();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    // A test host may be ended before its exit handler deletes the folder (the server itself is stopped first). A folder
    // without postmaster.pid holds no running server; the age check spares one still being created by another run.
    private static void RemoveStoppedServers()
    {
        foreach (var stale in Directory.EnumerateDirectories(Path.GetTempPath(), "forgetless-pg-*"))
        {
            if (File.Exists(Path.Combine(stale, "data", "postmaster.pid")) || Directory.GetLastWriteTimeUtc(stale) > DateTime.UtcNow.AddMinutes(-30)) continue;
            try
            {
                Directory.Delete(stale, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;

    private static bool TryInstall()
    {
        if (!IsRoot) return false;
        try
        {
            Run("apt-get", "update", "-qq");
            Run("apt-get", "install", "-y", "-qq", "postgresql");
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void AsServerUser(string program, params string[] args)
    {
        if (IsRoot) Run("runuser", ["-u", "postgres", "--", program, .. args]);
        else Run(program, args);
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}):\n{output}\n{error.Result}");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
