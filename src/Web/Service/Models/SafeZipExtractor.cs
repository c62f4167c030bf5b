using System.IO.Compression;

namespace Forgetless.Web.Service.Models;

/// <summary>
/// Extracts an uploaded zip into a fresh folder, refusing (before writing anything) entries that could leave it
/// or surprise the reader: ".." segments, absolute or drive paths, symbolic links, too many entries, or more
/// uncompressed bytes than allowed. The byte limit is enforced on the bytes actually written, not the headers' claims.
/// </summary>
public static class SafeZipExtractor
{
    public const int MaxEntries = 10_000;

    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymbolicLink = 0xA000;

    public static void Extract(string zipPath, string folder, long maxBytes)
    {
        using var archive = Open(zipPath);
        if (archive.Entries.Count > MaxEntries) throw new ModelRejectedException($"The zip has {archive.Entries.Count} entries; at most {MaxEntries} are accepted.");
        foreach (var entry in archive.Entries) Check(entry, maxBytes);
        if (archive.Entries.Sum(e => e.Length) > maxBytes) throw TooLarge(maxBytes);

        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        long written = 0;
        foreach (var entry in archive.Entries)
        {
            var target = Path.GetFullPath(Path.Combine(root, entry.FullName.Replace('\\', '/')));
            if (!target.StartsWith(root, StringComparison.Ordinal)) throw Unsafe(entry.FullName); // belt and braces after Check
            if (IsDirectory(entry))
            {
                Directory.CreateDirectory(target);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var input = entry.Open();
            using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                written += read;
                if (written > maxBytes) throw TooLarge(maxBytes);
                output.Write(buffer, 0, read);
            }
        }
    }

    private static ZipArchive Open(string zipPath)
    {
        try
        {
            return ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException)
        {
            throw new ModelRejectedException("The upload is not a zip archive.");
        }
    }

    private static void Check(ZipArchiveEntry entry, long maxBytes)
    {
        var name = entry.FullName.Replace('\\', '/');
        var segments = name.Split('/');
        if (name.Length == 0 || name.StartsWith('/') || name.Contains(':') || name.Contains('\0') || Path.IsPathRooted(name) || segments.Contains(".."))
        {
            throw Unsafe(entry.FullName);
        }

        if (((entry.ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymbolicLink)
        {
            throw new ModelRejectedException($"The zip entry '{entry.FullName}' is a symbolic link; only plain files are accepted.");
        }

        if (entry.Length > maxBytes) throw TooLarge(maxBytes);
    }

    private static bool IsDirectory(ZipArchiveEntry entry) => entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\');

    private static ModelRejectedException Unsafe(string name) =>
        new($"The zip entry '{name}' has an unsafe path (absolute, or with '..'); nothing was stored.");

    private static ModelRejectedException TooLarge(long maxBytes) =>
        new($"The zip expands to more than {maxBytes / (1024 * 1024)} MB, the model limit.");
}
