using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Forgetless.Training.Checkpoints;

/// <summary>
/// Loads a checkpoint's tensors into a module whose state_dict keys are the checkpoint keys. Every key and shape
/// is checked from the safetensors headers first, so a bad checkpoint throws before any weight changes; then the
/// tensors are read a few at a time and copied in place, so at most one small batch exists twice in memory.
/// </summary>
public static class CheckpointWeights
{
    private const long BatchBytes = 64L << 20;

    /// <param name="optional">Module keys a checkpoint may omit (a tied lm_head).</param>
    /// <param name="ignorable">Checkpoint keys with no parameter that are skipped (old rotary/mask buffers).</param>
    public static void Load(nn.Module module, string folder, Func<string, bool>? optional = null, Func<string, bool>? ignorable = null, string? basePrefix = null)
    {
        var weightMap = CheckpointFiles.WeightMap(folder);
        var headers = weightMap.Values.Distinct().ToDictionary(file => file, SafetensorsHeader.Read);
        var targets = module.state_dict();
        // Some checkpoints omit the base-model prefix (GPT-2's "h.0..." for "transformer.h.0...").
        string ModuleKey(string fileKey) =>
            basePrefix is not null && !targets.ContainsKey(fileKey) && targets.ContainsKey(basePrefix + fileKey) ? basePrefix + fileKey : fileKey;

        var problems = new List<string>();
        var plan = new List<(string FileKey, string ModuleKey, string File)>();
        foreach (var (fileKey, file) in weightMap)
        {
            var key = ModuleKey(fileKey);
            if (!targets.TryGetValue(key, out var target))
            {
                if (ignorable?.Invoke(key) != true) problems.Add($"unexpected tensor '{fileKey}' (the model has no such parameter)");
                continue;
            }
            if (!headers[file].TryGetValue(fileKey, out var entry)) { problems.Add($"'{fileKey}' is listed in the index but missing from {Path.GetFileName(file)}"); continue; }
            if (!entry.Shape.SequenceEqual(target.shape))
                problems.Add($"'{fileKey}' has shape [{string.Join(", ", entry.Shape)}], expected [{string.Join(", ", target.shape)}]");
            if (entry.DType is not ("F32" or "F16" or "BF16" or "F64"))
                problems.Add($"'{fileKey}' has dtype {entry.DType}; only floating-point weights are supported");
            plan.Add((fileKey, key, file));
        }
        var present = plan.Select(p => p.ModuleKey).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, target) in targets)
            if (!present.Contains(key) && optional?.Invoke(key) != true)
                problems.Add($"missing tensor '{key}' (expected shape [{string.Join(", ", target.shape)}])");
        if (problems.Count > 0)
            throw new InvalidDataException($"Checkpoint in {folder} does not fit the model; nothing was loaded:\n  " + string.Join("\n  ", problems));

        using var noGrad = no_grad();
        foreach (var group in plan.GroupBy(p => p.File))
            foreach (var batch in Batches(group, headers[group.Key]))
            {
                var loaded = Safetensors.LoadStateDict(group.Key, [.. batch.Select(p => p.FileKey)]);
                foreach (var (fileKey, key, _) in batch)
                {
                    using var source = loaded[fileKey];
                    targets[key].copy_(source);
                }
            }
    }

    /// <summary>Writes the module's state_dict (skipping <paramref name="skip"/>) as one model.safetensors.</summary>
    public static void Save(nn.Module module, string folder, Func<string, bool>? skip = null)
    {
        var state = module.state_dict()
            .Where(p => skip?.Invoke(p.Key) != true)
            .ToDictionary(p => p.Key, p => p.Value.device_type == DeviceType.CPU ? p.Value.contiguous() : p.Value.cpu().contiguous(), StringComparer.Ordinal);
        Safetensors.SaveStateDict(Path.Combine(folder, CheckpointFiles.SingleFile), state);
    }

    private static IEnumerable<List<(string FileKey, string ModuleKey, string File)>> Batches(
        IEnumerable<(string FileKey, string ModuleKey, string File)> items, IReadOnlyDictionary<string, SafetensorsHeader.Entry> header)
    {
        var batch = new List<(string, string, string)>();
        long bytes = 0;
        foreach (var item in items)
        {
            var size = header[item.FileKey].Shape.Aggregate(4L, (a, b) => a * b);
            if (batch.Count > 0 && bytes + size > BatchBytes) { yield return batch; batch = []; bytes = 0; }
            batch.Add(item);
            bytes += size;
        }
        if (batch.Count > 0) yield return batch;
    }
}
