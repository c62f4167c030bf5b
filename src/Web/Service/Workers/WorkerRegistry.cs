using Forgetless.Data;
using Forgetless.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service.Workers;

/// <summary>The Workers table: each training process reports itself on its heartbeat, so any web process can list them.</summary>
public sealed class WorkerRegistry(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task HeartbeatAsync(string name, string device, int slots, DateTime startedAt, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = DateTime.UtcNow;
        var worker = await db.Workers.SingleOrDefaultAsync(w => w.Name == name, cancellationToken);
        if (worker is null)
        {
            worker = new Worker { Name = name, Host = Environment.MachineName, Device = device };
            db.Workers.Add(worker);
        }

        (worker.Host, worker.Device, worker.Slots, worker.StartedAt, worker.HeartbeatAt, worker.StoppedAt) = (Environment.MachineName, device, slots, startedAt, now, null);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task StoppedAsync(string name)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        await db.Workers.Where(w => w.Name == name).ExecuteUpdateAsync(s => s.SetProperty(w => w.StoppedAt, now));
    }
}
