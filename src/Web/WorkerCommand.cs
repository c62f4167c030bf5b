namespace Forgetless.Web;

/// <summary>
/// <c>./forgetless worker --store … --data-dir … [--name N] [--device cuda|cpu] [--runs N]</c>: a training-only process
/// (no web server) that claims runs from the shared store's queue until it is stopped (Ctrl+C, SIGTERM).
/// </summary>
public static class WorkerCommand
{
    public static async Task<int?> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. CommandLine.HostArguments(args)],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddForgetlessStore();
        builder.AddForgetlessTraining();
        builder.Services.AddHostedService<Service.StoreMigration>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Service.Training.TrainingWorker>());
        try
        {
            await builder.Build().RunAsync();
        }
        catch (Exception e) when (Service.Training.DeviceUnavailableException.In(e, out var unavailable))
        {
            await Console.Error.WriteLineAsync($"forgetless worker: {unavailable.Message}");
            return 2;
        }

        return 0;
    }
}
