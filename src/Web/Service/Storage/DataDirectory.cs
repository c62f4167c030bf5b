namespace Forgetless.Web.Service.Storage;

/// <summary>
/// The data directory (<c>--data-dir</c>): the database, the content-addressed dataset files, imported models, checkpoints and
/// upload scratch space. Every path derived from a request goes through <see cref="Resolve"/>, which refuses
/// anything that would leave the directory.
/// </summary>
public sealed class DataDirectory
{
    public DataDirectory(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(FilesFolder);
        Directory.CreateDirectory(CheckpointsFolder);
        Directory.CreateDirectory(UploadsFolder);
        Directory.CreateDirectory(ModelsFolder);
    }

    public string Root { get; }

    public string DatabasePath => Path.Combine(Root, "forgetless.db");

    public string FilesFolder => Path.Combine(Root, "files");

    public string CheckpointsFolder => Path.Combine(Root, "checkpoints");

    /// <summary>Imported models, one Hugging Face folder each: models/&lt;sha256&gt;/.</summary>
    public string ModelsFolder => Path.Combine(Root, "models");

    /// <summary>Where uploads stream to before they are validated; emptied at start-up.</summary>
    public string UploadsFolder => Path.Combine(Root, "uploads");

    public string AdminPasswordPath => Path.Combine(Root, "admin-password.txt");

    /// <summary>The default data directory: ~/.forgetless.</summary>
    public static string DefaultRoot =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".forgetless");

    /// <summary>The full path of <paramref name="relativePath"/>, or an exception when it is absolute or escapes the root.</summary>
    public string Resolve(string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath) || Path.IsPathRooted(relativePath) || relativePath.Contains('\0'))
        {
            throw new UnsafePathException(relativePath);
        }

        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new UnsafePathException(relativePath);
        }

        return full;
    }

    /// <summary>The path relative to the root, with forward slashes, for storing in the database.</summary>
    public string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');
}
