namespace Forgetless.Training.Batches;

/// <summary>Where a <see cref="LengthBucketSampler"/> stands: saved in checkpoints so a resumed run sees the same batches.</summary>
/// <param name="Offset">Batches already taken from <paramref name="Epoch"/>.</param>
public sealed record SamplerPosition(int Seed, int Epoch, int Offset);
