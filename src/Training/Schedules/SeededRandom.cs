namespace Forgetless.Training.Schedules;

/// <summary>
/// SplitMix64: a tiny generator whose whole state is one number, so a checkpoint can store it exactly
/// (System.Random cannot be saved). Same seed, same sequence, on every machine.
/// </summary>
public sealed class SeededRandom(ulong state)
{
    public ulong State { get; private set; } = state;

    public ulong NextUInt64()
    {
        State += 0x9E3779B97F4A7C15UL;
        var z = State;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Continues from a state saved with <see cref="State"/>.</summary>
    public void Restore(ulong state) => State = state;

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="exclusiveMax"/>).</summary>
    public int NextInt(int exclusiveMax) => (int)(NextUInt64() % (ulong)exclusiveMax);
}
