using System.Text.Json;
using Forgetless.Training.Schedules;

namespace Forgetless.Training.Running;

/// <summary>
/// Hands out batches of example indices: a seeded shuffle of all examples per epoch, cut into batches, the
/// last partial batch dropped. Its position (epoch, offset) is saved with checkpoints so a resumed run sees the
/// same batches.
/// </summary>
internal sealed class IndexSampler
{
    private readonly int _count;
    private readonly int _batchSize;
    private readonly ulong _seed;
    private State _state = new(0, 0);
    private int[] _order;

    public IndexSampler(int count, int batchSize, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        (_count, _batchSize, _seed) = (count, Math.Min(batchSize, count), seed);
        _order = Shuffle(0);
    }

    public int[] Next()
    {
        if (_state.Offset + _batchSize > _count)
        {
            _state = new State(_state.Epoch + 1, 0);
            _order = Shuffle(_state.Epoch);
        }

        var batch = _order[_state.Offset..(_state.Offset + _batchSize)];
        _state = _state with { Offset = _state.Offset + _batchSize };
        return batch;
    }

    public string SaveState() => JsonSerializer.Serialize(_state);

    public void RestoreState(string json)
    {
        _state = JsonSerializer.Deserialize<State>(json) ?? throw new FormatException("empty sampler state");
        _order = Shuffle(_state.Epoch);
    }

    private int[] Shuffle(long epoch)
    {
        var random = new SeededRandom(_seed * 0x9E3779B97F4A7C15UL + (ulong)epoch);
        var order = Enumerable.Range(0, _count).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private sealed record State(long Epoch, int Offset);
}
