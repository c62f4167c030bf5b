using Forgetless.Web.Service.Storage;

namespace Forgetless.Web.Tests.Service;

public sealed class DataDirectoryTests : IDisposable
{
    private readonly DataDirectory data = new(Path.Combine(Path.GetTempPath(), "forgetless-dd-" + Guid.NewGuid().ToString("n")));

    public void Dispose() => Directory.Delete(data.Root, recursive: true);

    [Theory]
    [InlineData("../outside.jsonl")]
    [InlineData("files/../../outside.jsonl")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    [InlineData("files/\0.jsonl")]
    public void Paths_that_leave_the_data_directory_are_refused(string path) =>
        Assert.Throws<UnsafePathException>(() => data.Resolve(path));

    [Fact]
    public void A_relative_path_inside_resolves_under_the_root() =>
        Assert.Equal(Path.Combine(data.Root, "files", "ab.jsonl"), data.Resolve("files/sub/../ab.jsonl"));

    [Fact]
    public void A_sibling_folder_sharing_the_root_prefix_is_outside() =>
        Assert.Throws<UnsafePathException>(() => data.Resolve($"../{Path.GetFileName(data.Root)}-evil/x"));
}
