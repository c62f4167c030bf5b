namespace Forgetless.Training.Tests;

/// <summary>
/// Finds the shared data folder: $FORGETLESS_SHARED, else ../shared next to the repository root (the folder
/// holding WebApp.sln). Tests that need it call <see cref="SkipIfAbsent"/>, which skips with a clear message.
/// </summary>
public static class SharedData
{
    public const string EnvironmentVariable = "FORGETLESS_SHARED";

    public static string? Root { get; } = Locate();

    public static bool IsPresent => Root is not null;

    /// <summary>The full path of a file under the shared folder (it may not exist; call SkipIfAbsent first).</summary>
    public static string PathTo(params string[] parts) =>
        Path.Combine([Root ?? throw new InvalidOperationException("The shared folder is absent."), .. parts]);

    /// <summary>Skips the calling skippable test unless the shared folder (and the given file, if any) exists.</summary>
    public static void SkipIfAbsent(params string[] parts)
    {
        Skip.If(Root is null, $"shared data not found: set {EnvironmentVariable} or put it at ../shared next to the repository root");
        var path = PathTo(parts);
        Skip.IfNot(parts.Length == 0 || File.Exists(path) || Directory.Exists(path), $"shared data file not found: {path}");
    }

    public static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WebApp.sln")))
            {
                return directory.FullName;
            }
        }
        return null;
    }

    private static string? Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        }
        var root = RepositoryRoot();
        var beside = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared"));
        return beside is not null && Directory.Exists(beside) ? beside : null;
    }
}
