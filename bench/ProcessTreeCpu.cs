using System.Globalization;

namespace Forgetless.Bench;

/// <summary>
/// CPU time (user + system, from <c>/proc/PID/stat</c>) of this process's descendants whose command name matches,
/// e.g. every Chromium process Playwright started (browser, renderer, GPU and utility processes). Children they have
/// reaped count too (cutime, cstime). Linux only: elsewhere it reads zero.
/// </summary>
public static class ProcessTreeCpu
{
    // USER_HZ: 100 on every Linux build we run on (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    public static TimeSpan Of(Func<string, bool> commandMatches)
    {
        var stats = Directory.Exists("/proc") ? ReadAll() : [];
        var children = stats.Values.ToLookup(s => s.ParentId);
        var ticks = 0L;
        var pending = new Stack<int>([Environment.ProcessId]);
        while (pending.Count > 0)
        {
            foreach (var child in children[pending.Pop()])
            {
                pending.Push(child.Id);
                if (commandMatches(child.Command)) ticks += child.Ticks;
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private sealed record Stat(int Id, int ParentId, string Command, long Ticks);

    private static Dictionary<int, Stat> ReadAll()
    {
        var stats = new Dictionary<int, Stat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var id)) continue;
            try
            {
                // "pid (comm) state ppid … utime stime cutime cstime …": comm may hold spaces, so split after its ')'.
                var text = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = text.LastIndexOf(')');
                var command = text[(text.IndexOf('(') + 1)..close];
                var fields = text[(close + 2)..].Split(' ');
                long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture); // numbered as in proc(5)
                stats[id] = new Stat(id, (int)Field(4), command, Field(14) + Field(15) + Field(16) + Field(17));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while we read it.
            }
        }

        return stats;
    }
}
