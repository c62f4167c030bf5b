using System.Security.Cryptography;

namespace Forgetless.Web.Service.Models;

/// <summary>
/// The files of one model upload, streamed into a private scratch folder under uploads/ and hashed on the way;
/// the folder (and anything extracted or imported into it) goes when this is disposed.
/// </summary>
public sealed class ModelUpload : IDisposable
{
    public const string ModelBin = "model.bin";
    public const string TokenizerBin = "tokenizer.bin";
    public const string Zip = "model.zip";

    private readonly Dictionary<string, (string DisplayName, byte[] Hash)> files = [];
    private readonly long maxBytes;

    public ModelUpload(string uploadsFolder, long maxBytes)
    {
        Folder = Path.Combine(uploadsFolder, "model-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(Folder);
        this.maxBytes = maxBytes;
    }

    public string Folder { get; }

    public long TotalBytes { get; private set; }

    public long MaxBytes => maxBytes;

    public bool Has(string role) => files.ContainsKey(role);

    public string PathOf(string role) => Path.Combine(Folder, role);

    /// <summary>The user's name for the file (never a path), for messages and default model names.</summary>
    public string DisplayNameOf(string role) => files[role].DisplayName;

    /// <summary>SHA-256 over the roles' own hashes in role order: the same files give the same model.</summary>
    public string ContentHash() => Convert.ToHexStringLower(SHA256.HashData(files.OrderBy(f => f.Key, StringComparer.Ordinal).SelectMany(f => f.Value.Hash).ToArray()));

    /// <summary>Streams <paramref name="content"/> to the role's file; false (and reading stops) when the upload passes the limit.</summary>
    public async Task<bool> AddAsync(string role, string displayName, Stream content, CancellationToken cancellationToken)
    {
        if (role is not (ModelBin or TokenizerBin or Zip) || files.ContainsKey(role)) throw new ArgumentException($"Unexpected upload part '{role}'.", nameof(role));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var file = new FileStream(PathOf(role), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                TotalBytes += read;
                if (TotalBytes > maxBytes) return false;
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        files[role] = (Path.GetFileName(displayName), sha.GetHashAndReset());
        return true;
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
