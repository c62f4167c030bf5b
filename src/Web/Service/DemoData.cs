using Forgetless.Training.Demo;
using Forgetless.Web.Service.Datasets;
using Forgetless.Web.Service.Storage;
using Microsoft.Extensions.Options;

namespace Forgetless.Web.Service;

/// <summary>On a data directory with no datasets, stores the engine's demo task (SFT + preference) so the app is usable at once.</summary>
public sealed class DemoData(DatasetLibrary library, DataDirectory dataDirectory, IOptions<ForgetlessOptions> options, ILogger<DemoData> logger)
{
    public const string Author = "forgetless";

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoData || (await library.ListAsync(cancellationToken)).Count > 0) return;
        var scratch = Path.Combine(dataDirectory.UploadsFolder, "demo-" + Guid.NewGuid().ToString("n"));
        try
        {
            var files = DemoTaskWriter.Write(scratch);
            foreach (var (path, name) in new[] { (files.SftPath, "demo-sft"), (files.PreferencePath, "demo-preference") })
            {
                await using var stream = File.OpenRead(path);
                var result = await library.UploadAsync(stream, name, Author, cancellationToken);
                logger.LogInformation("Demo dataset {Name}: {Outcome}", name, result.Outcome);
            }
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }
}
