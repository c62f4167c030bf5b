using Forgetless.Web.Service.Models;
using Forgetless.Web.Tests.Api;

namespace Forgetless.Web.Tests.Service.Models;

public sealed class SafeZipExtractorTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "forgetless-zip-tests", Guid.NewGuid().ToString("n"));

    public SafeZipExtractorTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);

    [Fact]
    public void Plain_files_and_folders_are_extracted_byte_for_byte()
    {
        Extract(ModelUploads.Zip(("config.json", "{}"u8.ToArray()), ("sub/tokenizer.json", "[1]"u8.ToArray())), maxBytes: 100);

        Assert.Equal("{}", File.ReadAllText(Path.Combine(folder, "out", "config.json")));
        Assert.Equal("[1]", File.ReadAllText(Path.Combine(folder, "out", "sub", "tokenizer.json")));
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("a/../../evil")]
    [InlineData("..\\evil")]
    [InlineData("/etc/evil")]
    [InlineData("C:/evil")]
    public void An_entry_that_could_leave_the_folder_is_refused_before_anything_is_written(string name)
    {
        var error = Assert.Throws<ModelRejectedException>(() => Extract(ModelUploads.Zip(("config.json", "{}"u8.ToArray()), (name, "x"u8.ToArray())), maxBytes: 100));

        Assert.Contains("unsafe path", error.Message);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")) && Directory.EnumerateFileSystemEntries(Path.Combine(folder, "out")).Any());
        Assert.False(File.Exists(Path.Combine(folder, "evil")));
    }

    [Fact]
    public void A_symbolic_link_entry_is_refused()
    {
        var error = Assert.Throws<ModelRejectedException>(() => Extract(ModelUploads.Zip(("tokenizer.json", null)), maxBytes: 100));

        Assert.Contains("symbolic link", error.Message);
    }

    [Fact]
    public void More_bytes_than_the_limit_are_refused()
    {
        var error = Assert.Throws<ModelRejectedException>(() => Extract(ModelUploads.Zip(("a", new byte[60]), ("b", new byte[60])), maxBytes: 100));

        Assert.Contains("expands to more than", error.Message);
    }

    private void Extract(byte[] zip, long maxBytes)
    {
        var path = Path.Combine(folder, "upload.zip");
        File.WriteAllBytes(path, zip);
        SafeZipExtractor.Extract(path, Path.Combine(folder, "out"), maxBytes);
    }
}
