using System.Buffers.Binary;
using System.Text.Json;

namespace Forgetless.Training.Checkpoints;

/// <summary>
/// The names, dtypes and shapes in a safetensors file, read from its header alone (8-byte length + JSON) so a
/// checkpoint can be validated completely before a single weight is allocated. Tensor data itself is read
/// by TorchSharp.PyBridge.
/// </summary>
public static class SafetensorsHeader
{
    public sealed record Entry(string DType, long[] Shape);

    public static IReadOnlyDictionary<string, Entry> Read(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.Read(lengthBytes) != 8) throw new InvalidDataException($"{path}: too short for a safetensors header.");
        var length = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (length > 100_000_000 || (long)length > stream.Length - 8)
            throw new InvalidDataException($"{path}: header length {length} does not fit the file; not a safetensors file?");
        var json = new byte[length];
        stream.ReadExactly(json);
        using var document = JsonDocument.Parse(json);
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__") continue;
            var dtype = property.Value.GetProperty("dtype").GetString() ?? "";
            var shape = property.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            entries[property.Name] = new Entry(dtype, shape);
        }
        return entries;
    }
}
