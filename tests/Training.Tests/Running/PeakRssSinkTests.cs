using System.Runtime.InteropServices;
using Forgetless.Training.Running;

namespace Forgetless.Training.Tests.Running;

public class PeakRssSinkTests
{
    private const long Megabyte = 1024 * 1024;

    [Fact]
    public void Every_report_reaches_the_runs_sink()
    {
        var inner = new CollectingSink();
        var sink = new PeakRssSink(inner);

        sink.Report([new MetricPoint(0, MetricNames.Loss, 2.0)]);
        sink.Report([new MetricPoint(1, MetricNames.Loss, 1.5)]);

        Assert.Equal([0L, 1L], inner.Points.Select(p => p.Step));
    }

    [Fact]
    public void A_run_sees_memory_it_touched_and_the_next_run_does_not_inherit_that_peak_once_it_is_freed()
    {
        const long size = 256 * Megabyte;
        var first = new PeakRssSink(new CollectingSink());
        var before = first.Sample();
        var buffer = Marshal.AllocHGlobal((nint)size); // native, like tensors: resident only once touched
        try
        {
            for (long offset = 0; offset < size; offset += 4096) Marshal.WriteByte(buffer, (int)offset, 1); // one byte a page
            Assert.True(first.Sample() - before >= 200 * Megabyte, $"peak {first.PeakBytes / Megabyte} MB, before {before / Megabyte} MB");
        }
        finally
        {
            Marshal.FreeHGlobal(buffer); // a block this large is unmapped at once, so resident memory drops
        }

        var second = new PeakRssSink(new CollectingSink());
        Assert.True(first.PeakBytes - second.Sample() >= 150 * Megabyte,
            $"second run's peak {second.PeakBytes / Megabyte} MB vs first's {first.PeakBytes / Megabyte} MB: the process-wide high-water mark would carry over");
    }
}
