namespace Forgetless.Web.Service.Storage;

/// <summary>A path from outside would have left the data directory (absolute, "..", or empty).</summary>
public sealed class UnsafePathException(string path) : Exception($"The path '{path}' is not allowed.")
{
    public string RequestedPath { get; } = path;
}
