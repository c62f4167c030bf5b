using Microsoft.Extensions.Options;
using TorchSharp;

namespace Forgetless.Web.Service.Training;

/// <summary>The device runs train on, chosen once: CUDA when TorchSharp sees one (and "auto" or "cuda" is set), else CPU.</summary>
public sealed class DeviceChoice(IOptions<TrainingOptions> options, ILogger<DeviceChoice> logger)
{
    private readonly Lazy<string> name = new(() =>
    {
        var wanted = options.Value.Device.ToLowerInvariant();
        var cuda = wanted != "cpu" && torch.cuda.is_available();
        if (wanted == "cuda" && !cuda) logger.LogWarning("CUDA was asked for but is not available; training on the CPU");
        return cuda ? "cuda" : "cpu";
    });

    public string Name => name.Value;
}
