namespace Forgetless.Web.Service;

/// <summary>The "Forgetless" settings section.</summary>
public sealed class ForgetlessOptions
{
    public const string Section = "Forgetless";

    /// <summary>Database, dataset files and checkpoints; <c>--data-dir</c>. Default ~/.forgetless.</summary>
    public string? DataDir { get; set; }

    /// <summary>
    /// The store's connection string (<c>--store</c>): a PostgreSQL one (<c>Host=…;Database=…;Username=…;Password=…</c>)
    /// shared by the web app and its workers, or a SQLite one. Default: the SQLite file forgetless.db in the data directory.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>Largest dataset upload accepted, in bytes. Default 500 MB.</summary>
    public long MaxUploadBytes { get; set; } = 500L * 1024 * 1024;

    /// <summary>Largest model upload (a llama2.c pair, or a zip and what it expands to), in bytes. Default 4 GB.</summary>
    public long MaxModelUploadBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Create the demo datasets on a fresh data directory.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>Most runs one experiment may create (schedules × λ plus the optimum runs). Default 200.</summary>
    public int MaxRunsPerExperiment { get; set; } = 200;

    /// <summary>Wrong passwords allowed per account within <see cref="SignInWindow"/> before sign-in is refused. Default 5.</summary>
    public int SignInFailuresPerAccount { get; set; } = 5;

    /// <summary>Wrong passwords allowed per client address within <see cref="SignInWindow"/>. Default 20.</summary>
    public int SignInFailuresPerAddress { get; set; } = 20;

    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(15);
}
