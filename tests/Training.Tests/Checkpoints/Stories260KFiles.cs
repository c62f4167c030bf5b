namespace Forgetless.Training.Tests.Checkpoints;

/// <summary>Finds stories260K under ../shared (or $FORGETLESS_SHARED) at run time; tests skip when it is absent.</summary>
internal static class Stories260KFiles
{
    public static string Root
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("FORGETLESS_SHARED");
            if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "forgetless")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            return Path.GetFullPath(Path.Combine("..", "shared"));
        }
    }

    public static string Stories260K => Path.Combine(Root, "data", "models", "stories260K");

    public static string Stories260KModel => Path.Combine(Stories260K, "stories260K.bin");

    public static string Stories260KTokenizer => Path.Combine(Stories260K, "tok512.bin");

    public static void SkipUnlessStories260K() =>
        Skip.IfNot(File.Exists(Stories260KModel) && File.Exists(Stories260KTokenizer),
            $"stories260K is absent: expected {Stories260KModel} and {Stories260KTokenizer} (set FORGETLESS_SHARED).");
}
