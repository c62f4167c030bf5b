using System.Globalization;

namespace Forgetless.Training.Running.Checkpoints;

/// <summary>
/// A run's checkpoint folders, <c>step-000100/</c> and so on. A checkpoint is written into a temporary folder and
/// renamed into place only when complete, so a crash leaves either the whole checkpoint or none of it; leftover
/// temporary folders are ignored and cleaned up. Only the newest <see cref="Keep"/> checkpoints are kept. With
/// <paramref name="mayWrite"/> (a service's lease on the run), a checkpoint is put in place only while it answers true,
/// checked just before the rename: a worker that lost its run must not change the folder the new owner resumes from.
/// </summary>
public sealed class CheckpointStore(string directory, int keep = 2, Func<bool>? mayWrite = null)
{
    private const string Prefix = "step-";
    private const string TemporarySuffix = ".partial";

    public string Directory { get; } = directory;

    public int Keep { get; } = keep;

    /// <summary>Writes a checkpoint for <paramref name="step"/>; <paramref name="writeFiles"/> fills the folder it is given.</summary>
    public string Save(long step, Action<string> writeFiles)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var final = Path.Combine(Directory, Prefix + step.ToString("D6", CultureInfo.InvariantCulture));
        var temporary = final + "-" + Guid.NewGuid().ToString("N")[..8] + TemporarySuffix;
        System.IO.Directory.CreateDirectory(temporary);
        try
        {
            writeFiles(temporary);
            if (mayWrite is not null && !mayWrite())
            {
                throw new OperationCanceledException($"Checkpoint of step {step} not written: this process no longer holds the run.");
            }

            if (System.IO.Directory.Exists(final))
            {
                System.IO.Directory.Delete(final, recursive: true);
            }

            System.IO.Directory.Move(temporary, final);
        }
        catch
        {
            System.IO.Directory.Delete(temporary, recursive: true);
            throw;
        }

        Prune();
        return final;
    }

    /// <summary>The newest complete checkpoint folder, or null when there is none.</summary>
    public string? Latest() => Complete().LastOrDefault().Path;

    private IEnumerable<(long Step, string Path)> Complete() =>
        !System.IO.Directory.Exists(Directory)
            ? []
            : System.IO.Directory.GetDirectories(Directory, Prefix + "*")
                .Where(path => !path.EndsWith(TemporarySuffix, StringComparison.Ordinal))
                .Select(path => (Step: ParseStep(Path.GetFileName(path)), Path: path))
                .Where(c => c.Step >= 0)
                .OrderBy(c => c.Step);

    private void Prune()
    {
        foreach (var (_, path) in Complete().SkipLast(Keep))
        {
            System.IO.Directory.Delete(path, recursive: true);
        }

        foreach (var partial in System.IO.Directory.GetDirectories(Directory, "*" + TemporarySuffix))
        {
            System.IO.Directory.Delete(partial, recursive: true);
        }
    }

    private static long ParseStep(string name) =>
        long.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var step) ? step : -1;
}
