using static TorchSharp.torch;

namespace Forgetless.Training.Batches;

/// <summary>A batch as tensors: input ids and labels, both (rows, columns) int64 on one device.</summary>
public sealed record BatchTensors(Tensor InputIds, Tensor Labels);
