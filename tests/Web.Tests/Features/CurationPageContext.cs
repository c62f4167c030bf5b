using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Web.Auth;
using Forgetless.Web.Components.Shared;
using Forgetless.Web.Service.Datasets;
using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Live;
using Forgetless.Web.Service.Queue;
using Forgetless.Web.Service.Storage;
using Forgetless.Web.Service.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Web.Tests.Features;

/// <summary>
/// A signed-in page over the real experiment services (edits, trash, hard delete, queue, live feed) on a real SQLite
/// file, with experiments written straight into the store as the service would have left them.
/// </summary>
public abstract class CurationPageContext : SignedInPageContext
{
    protected CurationPageContext()
        : base(Register)
    {
    }

    private static void Register(IServiceCollection services, string dataDir)
    {
        services.AddOptions();
        services.AddSingleton(new DataDirectory(dataDir));
        services.AddSingleton<Ownership>();
        services.AddScoped<PageGuard>();
        services.AddSingleton<RunLiveFeed>();
        services.AddSingleton<RunControl>();
        services.AddSingleton<IRunQueue, LeasedRunQueue>();
        services.AddSingleton<DataLengths>();
        services.AddSingleton<ExperimentCommands>();
        services.AddSingleton<ExperimentEdits>();
        services.AddSingleton<ExperimentTrash>();
    }

    protected IDbContextFactory<AppDbContext> DbFactory => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    /// <summary>An experiment by <paramref name="owner"/> with one run per status given (schedule runs of "mix", λ 0.5, 10 steps).</summary>
    protected async Task<Experiment> AddExperimentAsync(string name, string owner, params RunStatus[] statuses)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        var experiment = new Experiment
        {
            Name = name, Model = "tiny", ReferenceChoice = "sft_optimum", SpecJson = "{}", CreatedBy = owner, CreatedAt = DateTime.UtcNow,
            Seeds = [new ExperimentSeed { Seed = 0, IdealSft = 1, IdealDpo = 1 }],
            Runs = [.. statuses.Select(s => NewRun("mix", RunRole.Schedule, 0.5, s, owner))],
        };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync();
        return experiment;
    }

    protected static Run NewRun(string schedule, RunRole role, double? lambda, RunStatus status, string by = "admin") => new()
    {
        Schedule = schedule, Role = role, Lambda = lambda, Status = status, TotalSteps = 10, SpecJson = "{}", LaunchedBy = by, CreatedAt = DateTime.UtcNow,
        ClaimedBy = status == RunStatus.Running ? "gpu-box-1" : null,
    };

    /// <summary>Held-out evaluations of a run at a step, as the metric sink stores them.</summary>
    protected async Task AddEvaluationAsync(int runId, long step, double sftLoss, double dpoLoss)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        db.MetricPoints.AddRange(
            new MetricPoint { RunId = runId, Step = step, Name = Forgetless.Training.Running.MetricNames.EvalSftLoss, Value = sftLoss, Time = DateTime.UtcNow },
            new MetricPoint { RunId = runId, Step = step, Name = Forgetless.Training.Running.MetricNames.EvalDpoLoss, Value = dpoLoss, Time = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    protected async Task<Experiment?> FindAsync(int id)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        return await db.Experiments.AsNoTracking().Include(e => e.Runs).SingleOrDefaultAsync(e => e.Id == id);
    }
}
