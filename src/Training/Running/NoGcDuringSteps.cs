using System.Runtime;

namespace Forgetless.Training.Running;

/// <summary>
/// Keeps the garbage collector out of training steps. TorchSharp 0.107 turns doubles passed to tensor ops into
/// temporary Scalars and hands their native pointers to libtorch without keeping the wrappers alive, so a GC in the
/// middle of a call can finalize one while libtorch reads it: a sporadic "Expected false to be true ... Scalar.h"
/// (seen in AdamW's addcdiv_ and in RMSNorm). With no GC during a step, no wrapper is finalized mid-call.
/// The no-GC region is process-wide, so concurrent runs share one: the first step in starts it, the last one out
/// ends it. Best effort: if other threads allocate past the budget the runtime collects anyway.
/// </summary>
internal static class NoGcDuringSteps
{
    private const long Budget = 64L * 1024 * 1024;
    private static readonly Lock Gate = new();
    private static int _inside;
    private static bool _regionStarted;

    public static T Run<T>(Func<T> step)
    {
        Enter();
        try
        {
            return step();
        }
        finally
        {
            Exit();
        }
    }

    private static void Enter()
    {
        lock (Gate)
        {
            if (_inside++ == 0)
            {
                try
                {
                    _regionStarted = GC.TryStartNoGCRegion(Budget);
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
                {
                    _regionStarted = false;
                }
            }
        }
    }

    private static void Exit()
    {
        lock (Gate)
        {
            if (--_inside == 0 && _regionStarted)
            {
                _regionStarted = false;
                if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                {
                    try
                    {
                        GC.EndNoGCRegion();
                    }
                    catch (InvalidOperationException)
                    {
                        // A collection happened inside the region anyway (budget exceeded): nothing left to end.
                    }
                }
            }
        }
    }
}
