using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Forgetless.Training.Datasets;

/// <summary>
/// Deterministic held-out split. Each example gets a seeded SHA-256 rank of its content; the lowest-ranked
/// <see cref="HeldOutCount"/> are held out. So the same seed and fraction always pick the same examples, whatever
/// the file order, and the held-out size is exact.
/// </summary>
public static class HeldOutSplit
{
    public static DatasetSplit<SftExample> Split(IReadOnlyList<SftExample> examples, double fraction, int seed) =>
        Split(examples, DatasetWriter.ToJsonLine, fraction, seed);

    public static DatasetSplit<PreferenceExample> Split(IReadOnlyList<PreferenceExample> examples, double fraction, int seed) =>
        Split(examples, DatasetWriter.ToJsonLine, fraction, seed);

    /// <summary>Splits by a content key: items with equal keys rank equally (ties go by position).</summary>
    public static DatasetSplit<T> Split<T>(IReadOnlyList<T> items, Func<T, string> key, double fraction, int seed)
    {
        var heldOutCount = HeldOutCount(items.Count, fraction);
        var ranked = Enumerable.Range(0, items.Count)
            .Select(index => (Rank: Rank(key(items[index]), seed), Index: index))
            .Order()
            .ToList();
        var heldOut = ranked.Take(heldOutCount).Select(r => r.Index).ToHashSet();
        var train = new List<T>(items.Count - heldOutCount);
        var held = new List<T>(heldOutCount);
        for (var index = 0; index < items.Count; index++)
        {
            (heldOut.Contains(index) ? held : train).Add(items[index]);
        }
        return new DatasetSplit<T>(train, held);
    }

    /// <summary>round(fraction × count), but at least one example on each side when there are two or more and fraction > 0.</summary>
    public static int HeldOutCount(int count, double fraction)
    {
        if (double.IsNaN(fraction) || fraction < 0 || fraction >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The held-out fraction must be in [0, 1).");
        }
        if (fraction == 0 || count < 2)
        {
            return 0;
        }
        return Math.Clamp((int)Math.Round(fraction * count, MidpointRounding.AwayFromZero), 1, count - 1);
    }

    private static ulong Rank(string key, int seed)
    {
        var bytes = new byte[4 + Encoding.UTF8.GetByteCount(key)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, seed);
        Encoding.UTF8.GetBytes(key, bytes.AsSpan(4));
        return BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(bytes));
    }
}
