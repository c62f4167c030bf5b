using System.Threading.RateLimiting;
using Forgetless.Web.Service;
using Microsoft.Extensions.Options;

namespace Forgetless.Web.Auth;

/// <summary>
/// Failed sign-ins per account and per client address within a fixed window; once either budget is spent, sign-in is
/// refused (even with the right password) until the window ends, so guessing costs an attacker the window.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> accounts;
    private readonly PartitionedRateLimiter<string> addresses;

    public SignInThrottle(IOptions<ForgetlessOptions> options)
    {
        var o = options.Value;
        accounts = Limiter(o.SignInFailuresPerAccount, o.SignInWindow);
        addresses = Limiter(o.SignInFailuresPerAddress, o.SignInWindow);
        Window = o.SignInWindow;
    }

    public TimeSpan Window { get; }

    /// <summary>False when the account or the address has used up its failures for now.</summary>
    public bool MayTry(string name, string address)
    {
        using var account = accounts.AttemptAcquire(name.ToLowerInvariant(), 0);
        using var client = addresses.AttemptAcquire(address, 0);
        return account.IsAcquired && client.IsAcquired;
    }

    public void Failed(string name, string address)
    {
        accounts.AttemptAcquire(name.ToLowerInvariant()).Dispose();
        addresses.AttemptAcquire(address).Dispose();
    }

    public void Dispose()
    {
        accounts.Dispose();
        addresses.Dispose();
    }

    private static PartitionedRateLimiter<string> Limiter(int failures, TimeSpan window) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = failures, Window = window, QueueLimit = 0 }));
}
