using System.Security.Cryptography;

namespace Forgetless.Training.Datasets;

/// <summary>Content hashes (SHA-256, lower-case hex) that identify a dataset's bytes, e.g. in cache keys.</summary>
public static class DatasetHash
{
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha256Hex(Stream stream) => Convert.ToHexStringLower(SHA256.HashData(stream));

    public static string Sha256HexOfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Sha256Hex(stream);
    }
}
