using System.Text.Json.Serialization;
using Forgetless.Data;
using Forgetless.Web.Hubs;
using Forgetless.Web.Service;
using Forgetless.Web.Service.Audit;
using Forgetless.Web.Service.Datasets;
using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Live;
using Forgetless.Web.Service.Models;
using Forgetless.Web.Service.Queries;
using Forgetless.Web.Service.Queue;
using Forgetless.Web.Service.Storage;
using Forgetless.Web.Service.Training;
using Forgetless.Web.Service.Workers;
using Microsoft.AspNetCore.DataProtection;

namespace Forgetless.Web;

public static class ForgetlessServiceCollectionExtensions
{
    /// <summary>
    /// The web app's service: the store and the training service (<see cref="AddForgetlessTraining"/>), SignalR relay,
    /// dataset and model libraries, experiment commands and queries, health checks. The training service claims runs
    /// unless <c>Training:ClaimRuns</c> is false (<c>serve --no-worker</c>).
    /// </summary>
    public static WebApplicationBuilder AddForgetlessService(this WebApplicationBuilder builder)
    {
        builder.AddForgetlessStore();
        builder.AddForgetlessTraining();
        var services = builder.Services;
        // Keys beside the data, so sign-in cookies survive restarts (and container re-creation with the same volume).
        var dataDirectory = DataDirectoryFrom(builder.Configuration);
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory.Root, "keys")));
        services.AddSignalR().AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
            o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.AddSingleton<DatasetLibrary>();
        services.AddSingleton<DataLengths>();
        services.AddSingleton<ModelLibrary>();
        services.AddSingleton<DemoData>();
        services.AddSingleton<RunQueries>();
        services.AddSingleton<WorkerQueries>();
        services.AddSingleton<ExperimentCommands>();
        services.AddSingleton<ExperimentEdits>();
        services.AddSingleton<ExperimentTrash>();
        services.AddSingleton<AuditLog>();

        // Order matters: the store is ready before the relays and the worker start.
        services.AddHostedService<StoreInitializer>();
        services.AddHostedService<RunsHubRelay>();
        if (new StoreConnection(StoreConnectionString(builder.Configuration, dataDirectory)).IsPostgres) services.AddHostedService<PostgresLiveRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<TrainingWorker>());
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store").AddCheck<TrainingHealthCheck>("training");
        return builder;
    }

    /// <summary>The data directory (<c>Forgetless:DataDir</c>) and the store (<c>Forgetless:Store</c>, default the SQLite file in it).</summary>
    public static IHostApplicationBuilder AddForgetlessStore(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ForgetlessOptions.Section);
        builder.Services.Configure<ForgetlessOptions>(section);
        var dataDirectory = DataDirectoryFrom(builder.Configuration);
        builder.Services.AddSingleton(dataDirectory);
        builder.Services.AddData(StoreConnectionString(builder.Configuration, dataDirectory));
        return builder;
    }

    /// <summary>
    /// The training service shared by <c>serve</c> and <c>worker</c>: live feed, leased run queue, trainer, lifecycle,
    /// the worker loop and (on PostgreSQL) status notices to other processes. The caller registers the worker as hosted.
    /// </summary>
    public static IHostApplicationBuilder AddForgetlessTraining(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<TrainingOptions>(builder.Configuration.GetSection(TrainingOptions.Section));
        services.AddSingleton<RunLiveFeed>();
        services.AddSingleton<RunControl>();
        services.AddSingleton<IRunQueue, LeasedRunQueue>();
        services.AddSingleton<DeviceChoice>();
        services.AddSingleton<InterpolationBaseline>();
        services.AddSingleton<IRunTrainer, EngineRunTrainer>();
        services.AddSingleton<RunLifecycle>();
        services.AddSingleton<WorkerRegistry>();
        services.AddSingleton<TrainingWorker>();
        if (new StoreConnection(StoreConnectionString(builder.Configuration, DataDirectoryFrom(builder.Configuration))).IsPostgres)
        {
            services.AddHostedService<StatusNotifier>();
        }

        return builder;
    }

    private static DataDirectory DataDirectoryFrom(IConfiguration configuration) =>
        new(configuration[$"{ForgetlessOptions.Section}:{nameof(ForgetlessOptions.DataDir)}"] is { Length: > 0 } dir ? dir : DataDirectory.DefaultRoot);

    private static string StoreConnectionString(IConfiguration configuration, DataDirectory dataDirectory) =>
        configuration[$"{ForgetlessOptions.Section}:{nameof(ForgetlessOptions.Store)}"] is { Length: > 0 } store ? store : StoreConnection.ForFile(dataDirectory.DatabasePath);
}
