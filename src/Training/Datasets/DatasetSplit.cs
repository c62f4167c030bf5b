namespace Forgetless.Training.Datasets;

/// <summary>A dataset cut in two: the examples to train on and the held-out ones to evaluate on, each in file order.</summary>
public sealed record DatasetSplit<T>(IReadOnlyList<T> Train, IReadOnlyList<T> HeldOut);
