using Forgetless.Training.Running;
using Forgetless.Web.Features.ExperimentDetail;
using Microsoft.Extensions.Time.Testing;

namespace Forgetless.Web.Tests.Features.ExperimentDetail;

public class LivePointBufferTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new();
    private readonly List<IReadOnlyDictionary<int, IReadOnlyList<MetricPoint>>> _draws = [];
    private readonly LivePointBuffer _buffer;

    public LivePointBufferTests() =>
        _buffer = new LivePointBuffer(Second, points => { _draws.Add(points); return Task.CompletedTask; }, update => update(), _time);

    // Off xUnit's synchronisation context: there, the timer's continuation would be queued instead of run inside Advance.
    private Task AdvanceAsync(TimeSpan by) => Task.Run(() => _time.Advance(by));

    private static MetricPoint[] Step(long step) => [new(step, MetricNames.SftLoss, 1.0 / (step + 1))];

    [Fact]
    public async Task The_first_point_is_drawn_at_once()
    {
        await _buffer.AddAsync(3, Step(0));

        var draw = Assert.Single(_draws);
        Assert.Equal([0L], draw[3].Select(p => p.Step));
    }

    [Fact]
    public async Task A_draw_asked_for_while_one_is_under_way_starts_only_after_it_has_finished()
    {
        var first = new TaskCompletionSource();
        var started = new List<long>();
        var buffer = new LivePointBuffer(Second, points =>
        {
            started.Add(points[3][0].Step);
            return started.Count == 1 ? first.Task : Task.CompletedTask;
        }, update => update(), _time);

        var drawing = buffer.AddAsync(3, Step(0)); // drawn at once; the browser has not answered yet
        await buffer.AddAsync(3, Step(1));
        var second = buffer.DrawNowAsync(); // e.g. the run's status changed

        Assert.Equal([0L], started);
        Assert.False(second.IsCompleted);
        first.SetResult();
        await Task.WhenAll(drawing, second);
        Assert.Equal([0L, 1], started);
    }

    [Fact]
    public async Task Points_that_follow_within_the_interval_are_drawn_together_once_it_has_passed()
    {
        await _buffer.AddAsync(3, Step(0));
        for (var step = 1; step <= 25; step++)
        {
            await AdvanceAsync(TimeSpan.FromMilliseconds(30));
            await _buffer.AddAsync(step < 20 ? 3 : 4, Step(step));
        }

        Assert.Single(_draws);
        Assert.Equal(25, _buffer.Pending);
        await AdvanceAsync(Second);

        Assert.Equal(2, _draws.Count);
        Assert.Equal(Enumerable.Range(1, 19).Select(s => (long)s), _draws[1][3].Select(p => p.Step));
        Assert.Equal(Enumerable.Range(20, 6).Select(s => (long)s), _draws[1][4].Select(p => p.Step));
        Assert.Equal(0, _buffer.Pending);
    }

    [Fact]
    public async Task A_run_that_trains_for_ten_seconds_is_drawn_about_once_a_second_not_once_a_step()
    {
        for (var step = 0; step < 250; step++)
        {
            await _buffer.AddAsync(3, Step(step));
            await AdvanceAsync(TimeSpan.FromMilliseconds(40)); // 25 steps a second, as the one-click's tiny runs train
        }

        await AdvanceAsync(Second);

        Assert.InRange(_draws.Count, 10, 12);
        Assert.Equal(Enumerable.Range(0, 250).Select(s => (long)s), _draws.SelectMany(d => d[3]).Select(p => p.Step));
    }

    [Fact]
    public async Task Drawing_now_takes_the_waiting_points_and_the_timer_then_draws_nothing_twice()
    {
        await _buffer.AddAsync(3, Step(0));
        await _buffer.AddAsync(3, Step(1));

        await _buffer.DrawNowAsync(); // the run ended
        await AdvanceAsync(Second);

        Assert.Equal(2, _draws.Count);
        Assert.Equal([1L], _draws[1][3].Select(p => p.Step));
    }

    [Fact]
    public async Task After_disposal_nothing_more_is_drawn()
    {
        await _buffer.AddAsync(3, Step(0));
        await _buffer.AddAsync(3, Step(1));

        _buffer.Dispose();
        await AdvanceAsync(Second);
        await _buffer.AddAsync(3, Step(2));

        Assert.Single(_draws);
    }
}
