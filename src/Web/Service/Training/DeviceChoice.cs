using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using TorchSharp;

namespace Forgetless.Web.Service.Training;

/// <summary>
/// The device runs train on, chosen once: CUDA when TorchSharp sees one and "auto" or "cuda" is set, else the CPU.
/// "cuda" is a promise to the team's queue: without CUDA the process refuses to start rather than take runs to train on the CPU.
/// </summary>
public sealed class DeviceChoice(IOptions<TrainingOptions> options, ILogger<DeviceChoice> logger)
{
    private readonly Lazy<string> name = new(() =>
    {
        var wanted = options.Value.Device.ToLowerInvariant();
        var cuda = wanted != "cpu" && torch.cuda.is_available();
        if (wanted == "cuda" && !cuda)
        {
            throw new DeviceUnavailableException(
                "--device cuda (Training:Device) was asked for, but TorchSharp sees no CUDA device: this build has the CPU libtorch " +
                "(./forgetless builds that one), or no GPU is visible to the process. Use --device cpu or auto, or the CUDA build " +
                "(docker build --build-arg TORCH_BACKEND=cuda, or dotnet build -p:TorchBackend=cuda).");
        }

        logger.LogDebug("Training on {Device} (asked: {Wanted})", cuda ? "cuda" : "cpu", wanted);
        return cuda ? "cuda" : "cpu";
    });

    public string Name => name.Value;
}

/// <summary>The device the settings ask for is not there; the process says so and exits.</summary>
public sealed class DeviceUnavailableException(string message) : Exception(message)
{
    /// <summary>Whether <paramref name="exception"/> is, or wraps, this one (the host wraps start-up failures).</summary>
    public static bool In(Exception exception, [NotNullWhen(true)] out DeviceUnavailableException? found)
    {
        found = exception switch
        {
            DeviceUnavailableException unavailable => unavailable,
            AggregateException aggregate => aggregate.Flatten().InnerExceptions.Select(Find).FirstOrDefault(f => f is not null),
            { InnerException: { } inner } => Find(inner),
            _ => null,
        };
        return found is not null;
    }

    private static DeviceUnavailableException? Find(Exception exception) => In(exception, out var found) ? found : null;
}
