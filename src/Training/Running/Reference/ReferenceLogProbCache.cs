using System.Collections.Concurrent;

namespace Forgetless.Training.Running.Reference;

/// <summary>
/// Reference log-probs by <see cref="ReferenceCacheKey"/>, in memory (shared by every run in the process) and on
/// disk (shared by every process using the same folder). A hit returns the stored values without a forward pass.
/// </summary>
public sealed class ReferenceLogProbCache(string directory)
{
    private static readonly ConcurrentDictionary<string, ReferenceLogProbs> Memory = new();

    public string Directory { get; } = directory;

    public string PathFor(string key) => Path.Combine(Directory, $"reference-logps-{key}.bin");

    public ReferenceLogProbs GetOrCompute(string key, Func<ReferenceLogProbs> compute)
    {
        if (Memory.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var path = PathFor(key);
        if (File.Exists(path))
        {
            return Memory.GetOrAdd(key, ReferenceLogProbs.Load(path));
        }

        var computed = compute();
        System.IO.Directory.CreateDirectory(Directory);
        computed.Save(path);
        return Memory.GetOrAdd(key, computed);
    }

    /// <summary>Forgets the in-memory copies (tests use it to prove the disk copy is read).</summary>
    internal static void ClearMemory() => Memory.Clear();
}
