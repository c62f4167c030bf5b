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
}
