using Forgetless.Data;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service.Datasets;

/// <summary>Display names of datasets are unique: a different file uploaded under a taken name becomes "name (2)", "name (3)", ….</summary>
public static class DatasetNames
{
    /// <summary>Room left in the 200-character column for a " (n)" suffix.</summary>
    public const int MaxBaseLength = 190;

    /// <summary>Why <paramref name="name"/> cannot name a dataset or model (control characters, lone surrogates), or null.</summary>
    public static string? Problem(string? name) =>
        name is null ? null : Forgetless.Training.Datasets.TextChecks.Problem(name, allowLineBreaks: false) is { } problem ? $"The name {problem}." : null;

    /// <summary>The trimmed requested name ("dataset" when blank), shortened to <see cref="MaxBaseLength"/>.</summary>
    public static string Requested(string? name)
    {
        var trimmed = string.IsNullOrWhiteSpace(name) ? "dataset" : name.Trim();
        return trimmed.Length <= MaxBaseLength ? trimmed : trimmed[..MaxBaseLength].TrimEnd();
    }

    /// <summary><paramref name="name"/> when no stored dataset has it, else the first free "name (n)", n ≥ 2.</summary>
    public static async Task<string> UniqueAsync(AppDbContext db, string name, CancellationToken cancellationToken)
    {
        var prefix = name + " (";
        var taken = (await db.Datasets.AsNoTracking().Where(d => d.Name == name || d.Name.StartsWith(prefix)).Select(d => d.Name).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(name)) return name;
        var n = 2;
        while (taken.Contains($"{name} ({n})")) n++;
        return $"{name} ({n})";
    }
}
