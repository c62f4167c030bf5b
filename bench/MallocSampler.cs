using System.Runtime.InteropServices;

namespace Forgetless.Bench;

/// <summary>
/// Samples, on a background thread, the bytes the C heap has handed out and not taken back (glibc's mallinfo2:
/// in-use arena bytes + mmapped blocks) and the live TorchSharp tensor wrappers and the GC's committed bytes, keeping the maxima. The peak of the
/// first is the memory the step really needs; VmHWM minus it is what the allocator keeps on top (fragmentation).
/// </summary>
public sealed class MallocSampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;

    public MallocSampler()
    {
        _thread = new Thread(Sample) { IsBackground = true, Name = "malloc sampler" };
        _thread.Start();
    }

    public long PeakLiveBytes { get; private set; }

    public long PeakTensorWrappers { get; private set; }

    /// <summary>The most memory the .NET GC had committed (managed heap and its bookkeeping) while sampling.</summary>
    public long PeakGcCommittedBytes { get; private set; }

    public static long LiveBytes()
    {
        var info = MallInfo2();
        return (long)(info.InUseArenaBytes + info.MmappedBytes);
    }

    private void Sample()
    {
        while (!_stop)
        {
            PeakLiveBytes = Math.Max(PeakLiveBytes, LiveBytes());
            PeakTensorWrappers = Math.Max(PeakTensorWrappers, TorchSharp.torch.Tensor.TotalCount);
            PeakGcCommittedBytes = Math.Max(PeakGcCommittedBytes, GC.GetGCMemoryInfo().TotalCommittedBytes);
            Thread.Sleep(1);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo
    {
        public nuint Arena, OrdinaryBlocks, SmallBlocks, MmappedBlocks, MmappedBytes, UnusedMax, FastbinFreeBytes;
        public nuint InUseArenaBytes, FreeArenaBytes, KeepCost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallInfo MallInfo2();
}
