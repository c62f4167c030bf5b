using System.Diagnostics;
using Forgetless.Web.Service.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TorchSharp;

namespace Forgetless.Web.Tests.Service.Training;

/// <summary>Where runs train: the CPU unless CUDA is there, and never the CPU when CUDA was promised.</summary>
public sealed class DeviceChoiceTests
{
    private static DeviceChoice Choice(string device) =>
        new(Options.Create(new TrainingOptions { Device = device }), NullLogger<DeviceChoice>.Instance);

    [SkippableFact]
    public void Auto_and_cpu_train_on_the_cpu_and_cuda_without_cuda_is_refused_with_what_to_do()
    {
        Skip.If(torch.cuda.is_available(), "this machine has CUDA");

        Assert.Equal("cpu", Choice("auto").Name);
        Assert.Equal("cpu", Choice("cpu").Name);
        var refused = Assert.Throws<DeviceUnavailableException>(() => Choice("cuda").Name);
        Assert.Contains("--device cpu", refused.Message, StringComparison.Ordinal);
        Assert.True(DeviceUnavailableException.In(new AggregateException(new InvalidOperationException("start", refused)), out var found));
        Assert.Same(refused, found);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task A_worker_asked_for_cuda_on_a_machine_without_it_exits_with_status_2_and_says_why_before_claiming_anything()
    {
        Skip.If(torch.cuda.is_available(), "this machine has CUDA");
        var dll = AppProcess.BuiltDll();
        Skip.If(dll is null, "src/Web is not built in this configuration");
        var dataDir = Path.Combine(Path.GetTempPath(), "forgetless-cuda-" + Guid.NewGuid().ToString("n"));
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { dll!, "worker", "--data-dir", dataDir, "--name", "gpu-1", "--device", "cuda" }) start.ArgumentList.Add(arg);
            using var worker = Process.Start(start)!;
            var output = worker.StandardOutput.ReadToEndAsync();
            var errors = await worker.StandardError.ReadToEndAsync();
            await worker.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);

            Assert.Equal(2, worker.ExitCode);
            Assert.Contains("forgetless worker: --device cuda", errors, StringComparison.Ordinal);
            Assert.DoesNotContain("Training service started", await output, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
        }
    }
}
