using System.Globalization;

namespace Forgetless.Web.Components.Shared;

/// <summary>Human-readable numbers for tables and chips.</summary>
public static class Format
{
    public static string Duration(TimeSpan? span) => span switch
    {
        null => "—",
        { TotalHours: >= 1 } s => $"{(int)s.TotalHours}h {s.Minutes:00}m",
        { TotalMinutes: >= 1 } s => $"{(int)s.TotalMinutes}m {s.Seconds:00}s",
        { } s => s.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s",
    };

    /// <summary>ISO date and time in UTC: the server's local zone means nothing to a browser elsewhere, and "g" reads differently per culture.</summary>
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>Time of day in UTC, for logs within one run.</summary>
    public static string Clock(DateTime utc) => utc.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Bytes(long? bytes)
    {
        if (bytes is not { } b)
        {
            return "—";
        }

        string[] units = ["B", "KB", "MB", "GB", "TB"];
        var value = (double)b;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(unit == 0 ? "0" : "0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
