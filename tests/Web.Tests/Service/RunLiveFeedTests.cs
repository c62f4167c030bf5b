using RunStatus = Forgetless.Data.Entities.RunStatus;
using Forgetless.Training.Running;
using Forgetless.Web.Service.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace Forgetless.Web.Tests.Service;

public sealed class RunLiveFeedTests
{
    private readonly RunLiveFeed feed = new(NullLogger<RunLiveFeed>.Instance);

    [Fact]
    public void A_subscriber_gets_its_run_only_and_nothing_after_disposing()
    {
        var seen = new List<int>();
        var subscription = feed.Subscribe(1, b => seen.Add(b.RunId));

        feed.Publish(new RunMetricBatch(1, [new MetricPoint(0, "loss", 1)]));
        feed.Publish(new RunMetricBatch(2, [new MetricPoint(0, "loss", 1)]));
        subscription.Dispose();
        feed.Publish(new RunMetricBatch(1, [new MetricPoint(1, "loss", 1)]));

        Assert.Equal([1], seen);
    }

    [Fact]
    public void A_subscriber_to_everything_gets_every_run_and_status()
    {
        var metrics = new List<int>();
        var statuses = new List<RunStatus>();
        using var subscription = feed.SubscribeAll(b => metrics.Add(b.RunId), s => statuses.Add(s.Status));

        feed.Publish(new RunMetricBatch(1, []));
        feed.Publish(new RunMetricBatch(2, []));
        feed.Publish(new RunStatusChange(2, 1, RunStatus.Failed, "boom", DateTime.UtcNow));

        Assert.Equal([1, 2], metrics);
        Assert.Equal([RunStatus.Failed], statuses);
    }

    [Fact]
    public void A_failing_subscriber_does_not_stop_the_others()
    {
        var delivered = 0;
        using var broken = feed.Subscribe(1, _ => throw new InvalidOperationException("page gone"));
        using var healthy = feed.Subscribe(1, _ => delivered++);

        feed.Publish(new RunMetricBatch(1, []));

        Assert.Equal(1, delivered);
    }
}
