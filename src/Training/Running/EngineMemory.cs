namespace Forgetless.Training.Running;

/// <summary>
/// What a long-running training process holds: live TorchSharp tensors (their wrappers, each owning native memory),
/// the managed heap and the resident set. <see cref="Settled"/> first lets finalizers free every unreferenced tensor,
/// so its tensor count is what is really kept. The count leaves out the wrappers TorchSharp's Parameter constructor
/// empties but keeps counting (<see cref="Tensors.ParameterHandles"/>).
/// </summary>
public sealed record EngineMemory(long LiveTensors, long ManagedHeapBytes, long ResidentBytes)
{
    public static EngineMemory Now() =>
        new(LiveTensorCount(), GC.GetTotalMemory(forceFullCollection: false), ResidentSetBytes());

    public static EngineMemory Settled()
    {
        long previous;
        var count = LiveTensorCount();
        do
        {
            previous = count;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            count = LiveTensorCount();
        }
        while (count < previous);
        return Now();
    }

    private static long LiveTensorCount() => TorchSharp.torch.Tensor.TotalCount - Tensors.ParameterHandles.Moved;

    /// <summary>VmRSS from /proc/self/status on Linux; elsewhere the working set .NET reports.</summary>
    private static long ResidentSetBytes()
    {
        const string Prefix = "VmRSS:";
        var line = OperatingSystem.IsLinux() ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal)) : null;
        return line is null
            ? Environment.WorkingSet
            : long.Parse(line[Prefix.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
