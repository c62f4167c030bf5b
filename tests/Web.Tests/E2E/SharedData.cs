namespace Forgetless.Web.Tests.E2E;

/// <summary>The team's shared sample data: ../shared beside the repository, or FORGETLESS_SHARED. Never copied in.</summary>
public static class SharedData
{
    public static string Folder =>
        Environment.GetEnvironmentVariable("FORGETLESS_SHARED") is { Length: > 0 } folder
            ? folder
            : Path.GetFullPath(Path.Combine(Browser.RepositoryRoot(), "..", "shared"));

    public static string File(string relative)
    {
        var path = Path.Combine(Folder, "data", relative);
        Skip.IfNot(System.IO.File.Exists(path), $"{path} is missing: set FORGETLESS_SHARED to the shared folder to run this test.");
        return path;
    }
}
