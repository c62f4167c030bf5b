namespace Forgetless.Training.Batches;

/// <summary>
/// Yields batches of example indices, endlessly, epoch after epoch. Each epoch is shuffled from (seed, epoch);
/// the shuffled order is cut into windows of <c>windowBatches · batchSize</c> examples, each window is sorted by
/// length and cut into batches, and the order of all batches is shuffled again. Batches thus hold examples of
/// similar length (little padding) while their order stays random. The last batch of an epoch may be smaller.
/// A window of one batch is plain random batching.
/// </summary>
public sealed class LengthBucketSampler
{
    public const int DefaultWindowBatches = 50;

    private readonly IReadOnlyList<int> _lengths;
    private readonly int _batchSize;
    private readonly int _windowBatches;
    private IReadOnlyList<int[]> _epochBatches;

    public LengthBucketSampler(IReadOnlyList<int> lengths, int batchSize, int seed, int windowBatches = DefaultWindowBatches)
        : this(lengths, batchSize, new SamplerPosition(seed, 0, 0), windowBatches)
    {
    }

    /// <summary>Resumes at a saved position.</summary>
    public LengthBucketSampler(IReadOnlyList<int> lengths, int batchSize, SamplerPosition position, int windowBatches = DefaultWindowBatches)
    {
        ArgumentOutOfRangeException.ThrowIfZero(lengths.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowBatches, 1);
        (_lengths, _batchSize, _windowBatches) = (lengths, batchSize, windowBatches);
        _epochBatches = PlanEpoch(position.Seed, position.Epoch);
        if (position.Epoch < 0 || position.Offset < 0 || position.Offset > _epochBatches.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, $"An epoch has {_epochBatches.Count} batches.");
        }

        Position = position;
    }

    public SamplerPosition Position { get; private set; }

    public int BatchesPerEpoch => _epochBatches.Count;

    /// <summary>The next batch's example indices; moves to a freshly shuffled epoch after the last one.</summary>
    public int[] Next()
    {
        if (Position.Offset == _epochBatches.Count)
        {
            Position = Position with { Epoch = Position.Epoch + 1, Offset = 0 };
            _epochBatches = PlanEpoch(Position.Seed, Position.Epoch);
        }

        var batch = _epochBatches[Position.Offset];
        Position = Position with { Offset = Position.Offset + 1 };
        return batch;
    }

    /// <summary>Padding tokens over all tokens when each batch is padded to its longest member.</summary>
    public static double PaddingFraction(IEnumerable<IReadOnlyList<int>> batches, IReadOnlyList<int> lengths)
    {
        long padded = 0, real = 0;
        foreach (var batch in batches)
        {
            padded += (long)batch.Count * batch.Max(index => lengths[index]);
            real += batch.Sum(index => (long)lengths[index]);
        }

        return padded == 0 ? 0 : (double)(padded - real) / padded;
    }

    /// <summary>All batches of one epoch, in the order <see cref="Next"/> yields them.</summary>
    public IReadOnlyList<int[]> EpochBatches(int epoch) => PlanEpoch(Position.Seed, epoch);

    private IReadOnlyList<int[]> PlanEpoch(int seed, int epoch)
    {
        // A seeded System.Random is a fixed algorithm across runs and .NET versions (HashCode is not: it is salted
        // per process), so plans are reproducible.
        var random = new Random(unchecked((seed * 1_000_003) + epoch));
        var order = Enumerable.Range(0, _lengths.Count).ToArray();
        random.Shuffle(order);

        var batches = order.Chunk(_batchSize * _windowBatches)
            .SelectMany(window => window.OrderBy(index => _lengths[index]).Chunk(_batchSize))
            .ToArray();
        random.Shuffle(batches);
        return batches;
    }
}
