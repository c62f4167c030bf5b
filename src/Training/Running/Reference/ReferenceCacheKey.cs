using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Forgetless.Training.Datasets;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Running.Reference;

/// <summary>
/// Names a set of reference log-probs by everything they depend on: the reference weights, the preference
/// examples, the tokenizer, the prompt template and the maximum length. Change any of them and the key changes.
/// </summary>
public static class ReferenceCacheKey
{
    public static string Compute(string weightsHash, string datasetHash, string tokenizerName, string templateName, int maxLength) =>
        Hash(Encoding.UTF8.GetBytes($"{weightsHash}|{datasetHash}|{tokenizerName}|{templateName}|{maxLength}"))[..32];

    /// <summary>SHA-256 over every parameter and buffer's name, shape and float32 bytes, in state-dict order.</summary>
    public static string HashWeights(nn.Module module)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, tensor) in module.state_dict())
        {
            sha.AppendData(Encoding.UTF8.GetBytes($"{name}:{string.Join(',', tensor.shape)};"));
            using var cpu = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
            var values = cpu.data<float>().ToArray();
            sha.AppendData(MemoryMarshal.AsBytes(values.AsSpan()));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public static string HashDataset(IReadOnlyList<PreferenceExample> examples) =>
        Hash(JsonSerializer.SerializeToUtf8Bytes(examples.Select(e => new { e.Prompt.Text, e.Prompt.Turns, e.Chosen, e.Rejected })));

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
