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
using Microsoft.AspNetCore.DataProtection;

namespace Forgetless.Web;

public static class ForgetlessServiceCollectionExtensions
{
    /// <summary>
    /// The service: data directory (<c>Forgetless:DataDir</c>), the store, live feed + SignalR relay, dataset library,
    /// experiment commands and queries, the run queue and the hosted training service, health checks.
    /// </summary>
    public static WebApplicationBuilder AddForgetlessService(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(ForgetlessOptions.Section);
        services.Configure<ForgetlessOptions>(section);
        services.Configure<TrainingOptions>(builder.Configuration.GetSection(TrainingOptions.Section));
        var dataDirectory = new DataDirectory(section[nameof(ForgetlessOptions.DataDir)] is { Length: > 0 } dir ? dir : DataDirectory.DefaultRoot);
        services.AddSingleton(dataDirectory);
        services.AddData(StoreConnection.ForFile(dataDirectory.DatabasePath));
        // Keys beside the data, so sign-in cookies survive restarts (and container re-creation with the same volume).
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory.Root, "keys")));

        services.AddSingleton<RunLiveFeed>();
        services.AddSignalR().AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
            o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.AddSingleton<DatasetLibrary>();
        services.AddSingleton<ModelLibrary>();
        services.AddSingleton<DemoData>();
        services.AddSingleton<RunQueries>();
        services.AddSingleton<ExperimentCommands>();
        services.AddSingleton<ExperimentEdits>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<RunControl>();
        services.AddSingleton<IRunQueue, SqliteRunQueue>();
        services.AddSingleton<DeviceChoice>();
        services.AddSingleton<InterpolationBaseline>();
        services.AddSingleton<IRunTrainer, EngineRunTrainer>();
        services.AddSingleton<RunLifecycle>();
        services.AddSingleton<TrainingWorker>();

        // Order matters: the store is ready before the relay and the worker start.
        services.AddHostedService<StoreInitializer>();
        services.AddHostedService<RunsHubRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<TrainingWorker>());
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store").AddCheck<TrainingHealthCheck>("training");
        return builder;
    }
}
