using System.Diagnostics;

namespace Forgetless.Bench;

/// <summary>Accumulates lap times per named phase across steps, to report each phase's median.</summary>
public sealed class PhaseClock
{
    private readonly Dictionary<string, List<double>> _laps = [];
    private readonly Stopwatch _clock = new();

    /// <summary>Starts timing a step; call before the first phase.</summary>
    public void Start() => _clock.Restart();

    public void Lap(string phase)
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        _clock.Restart();
        if (!_laps.TryGetValue(phase, out var laps))
        {
            _laps[phase] = laps = [];
        }

        laps.Add(seconds);
    }

    public void Clear() => _laps.Clear();

    /// <summary>Phases in the order first seen, each with its median lap in seconds.</summary>
    public IEnumerable<(string Phase, double Seconds)> Medians() =>
        _laps.Select(pair => (pair.Key, pair.Value.Order().ElementAt(pair.Value.Count / 2)));
}
