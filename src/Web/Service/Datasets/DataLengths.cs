using System.Collections.Concurrent;
using System.Text.Json;
using Forgetless.Data;
using Forgetless.Training.Batches;
using Forgetless.Training.Datasets;
using Forgetless.Training.Model;
using Forgetless.Training.Running.Experiments;
using Forgetless.Training.Tokenization;
using Forgetless.Web.Service.Storage;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service.Datasets;

/// <summary>
/// The lengths of a pair of datasets' examples as an experiment on a model would tokenise them (the same tokenizer and
/// template training uses), for the launcher's truncation counts and estimate and for what a launched run records.
/// Measured once per (files, model, template) and kept: datasets and imported models are immutable.
/// </summary>
public sealed class DataLengths(IDbContextFactory<AppDbContext> dbFactory, DataDirectory dataDirectory)
{
    // LlamaConfig's default when a config.json leaves max_position_embeddings out.
    private const int DefaultPositions = 2048;

    private readonly ConcurrentDictionary<string, Lazy<Task<ExampleLengths>>> measured = new();

    /// <summary>The lengths, or null when a dataset does not exist (or has the wrong kind).</summary>
    public async Task<ExampleLengths?> MeasureAsync(int sftDatasetId, int preferenceDatasetId, string engineModel, string template, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sft = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == sftDatasetId && d.Kind == Data.Entities.DatasetKind.Sft, cancellationToken);
        var preference = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == preferenceDatasetId && d.Kind == Data.Entities.DatasetKind.Preference, cancellationToken);
        if (sft is null || preference is null || !PromptTemplates.Names.Contains(template)) return null;
        var key = $"{sft.ContentHash}|{preference.ContentHash}|{engineModel}|{template}";
        var lazy = measured.GetOrAdd(key, _ => new(() => Task.Run(() => Measure(
            dataDirectory.Resolve(sft.StoredPath), dataDirectory.Resolve(preference.StoredPath), engineModel, template), CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            measured.TryRemove(key, out _); // e.g. a model folder that could not be read: try again next time
            throw;
        }
    }

    /// <summary>The longest sequence the model takes (its max_position_embeddings).</summary>
    public int ModelPositions(string engineModel)
    {
        if (LlamaPresets.Names.Contains(engineModel)) return LlamaPresets.ByName(engineModel, vocabSize: 2).MaxPositionEmbeddings;
        var config = Path.Combine(dataDirectory.Resolve(engineModel), "config.json");
        if (!File.Exists(config)) return DefaultPositions;
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        return json.RootElement.TryGetProperty("max_position_embeddings", out var positions) && positions.TryGetInt32(out var value)
            ? value : DefaultPositions;
    }

    private ExampleLengths Measure(string sftPath, string preferencePath, string engineModel, string templateName)
    {
        var sft = DatasetParser.ParseFile(sftPath).Sft;
        var preferences = DatasetParser.ParseFile(preferencePath).Preference;
        var template = PromptTemplates.ByName(templateName);
        var folder = LlamaPresets.Names.Contains(engineModel) ? null : dataDirectory.Resolve(engineModel);
        var tokenizer = ExperimentData.TokenizerFor(folder, template, sft, preferences);
        return ExampleLengths.Measure(new ExampleTokenizer(tokenizer, template, maxLength: 8), sft, preferences);
    }
}
