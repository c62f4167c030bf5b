namespace Forgetless.Bench;

/// <summary>The process's resident-set high-water mark (VmHWM), resettable so that each case reports its own peak.</summary>
public static class PeakRss
{
    /// <summary>Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0); false where that is not allowed.</summary>
    public static bool TryReset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static double Megabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("/proc/self/status has no VmHWM line (not Linux?).");
        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }
}
