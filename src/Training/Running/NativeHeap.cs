using System.Runtime.InteropServices;

namespace Forgetless.Training.Running;

/// <summary>
/// Hands the C heap's free pages back to the OS after a step. libtorch allocates a step's activations with
/// malloc; glibc keeps freed blocks mapped (its mmap threshold grows with each large free), so without this the
/// resident set drifts far above what the step ever uses at once.
/// </summary>
public static class NativeHeap
{
    private static readonly bool IsGlibc = OperatingSystem.IsLinux() && Probe();

    public static void ReleaseFreedPages()
    {
        if (IsGlibc)
        {
            _ = MallocTrim(0);
        }
    }

    private static bool Probe()
    {
        try
        {
            _ = MallocTrim(UIntPtr.MaxValue); // a pad this large trims nothing: only checks the symbol exists
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
