using static TorchSharp.torch;

namespace Forgetless.Bench;

/// <summary>The reference peak: a 2048³ float32 matmul (2·2048³ FLOPs) timed in this process with the same threads.</summary>
public static class MatmulPeak
{
    public const long Size = 2048;

    public static double GflopsPerSecond(bool quick)
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        var a = randn(Size, Size);
        var b = randn(Size, Size);
        var seconds = StepTiming.MedianSeconds(() =>
        {
            using var product = matmul(a, b);
        }, warmUp: 3, timed: quick ? 3 : 15);
        return 2.0 * Size * Size * Size / seconds / 1e9;
    }
}
