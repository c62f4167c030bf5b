namespace Forgetless.Web.Tests;

/// <summary>Waits for a condition a user or client would observe, polling, up to a timeout sized for a loaded machine.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"still not true after {timeout.TotalSeconds:0} s: {describe()}");
            await Task.Delay(50);
        }
    }

    /// <summary>As above, for a condition that is read asynchronously (an API call, a query).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"still not true after {timeout.TotalSeconds:0} s: {describe()}");
            await Task.Delay(50);
        }
    }
}
