namespace Forgetless.Web.Service.Live;

/// <summary>
/// The PostgreSQL channels that carry live events between processes. A notice is small and says where to read:
/// metrics "origin:run:firstId:lastId" (the metric writer sends it in its insert statement), status
/// "origin:run:experiment:status".
/// </summary>
public static class StoreNotices
{
    public const string MetricsChannel = "forgetless_metrics";

    public const string StatusChannel = "forgetless_status";

    /// <summary>True on a thread that is publishing an event another process sent, so it is not sent back out.</summary>
    [ThreadStatic]
    private static bool relaying;

    public static bool Relaying => relaying;

    public static void Relay(Action publish)
    {
        relaying = true;
        try
        {
            publish();
        }
        finally
        {
            relaying = false;
        }
    }
}
