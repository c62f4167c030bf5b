using BitFaster.Caching.Lru;
using Forgetless.Training.Batches;
using Forgetless.Training.Checkpoints;
using Forgetless.Training.Datasets;
using Forgetless.Training.Demo;
using Forgetless.Training.Model;
using Forgetless.Training.Tokenization;

namespace Forgetless.Training.Running.Experiments;

/// <summary>
/// An experiment's data, prepared once and shared by its runs: the parsed datasets (the demo task is generated
/// into the experiment folder first), the held-out split, the tokenizer (a compact GPT-2 vocabulary built from the
/// corpus, the same for every run), the tokenised examples and the model shape.
/// </summary>
public sealed record ExperimentData(
    IReadOnlyList<PreferenceExample> Preferences,
    IReadOnlyList<TokenizedSft> SftTrain,
    IReadOnlyList<TokenizedSft> SftHeldOut,
    IReadOnlyList<TokenizedPreference> PreferenceTrain,
    IReadOnlyList<TokenizedPreference> PreferenceHeldOut,
    ITokenizer Tokenizer,
    IPromptTemplate Template,
    LlamaConfig ModelConfig,
    string? PretrainedFolder = null)
{
    public const string DemoSft = "demo:sft";
    public const string DemoPreference = "demo:preference";

    /// <summary>
    /// The experiments prepared last. Bounded: a server trains experiment after experiment for weeks, and each entry holds
    /// its tokenised datasets and vocabulary (0.6 MB for the 600-example demo task); runs of one experiment and seed are
    /// queued together, so a few entries keep every hit. A strict LRU (not BitFaster's faster pseudo-LRU, whose warm queue
    /// can keep an entry that was never used again for as long as the process lives); it is hit once per run, so its lock costs nothing.
    /// </summary>
    private static readonly ClassicLru<string, ExperimentData> Prepared = new(PreparedCapacity);

    internal const int PreparedCapacity = 8;

    public static ExperimentData Prepare(ExperimentSpec spec, string experimentDirectory) =>
        Prepared.GetOrAdd(
            $"{Path.GetFullPath(experimentDirectory)}|{spec.SftDataset}|{spec.PreferenceDataset}|{spec.DemoExamples}|{spec.MaxSftExamples}|" +
            $"{spec.MaxPreferenceExamples}|{spec.HeldOutFraction}|{spec.EvalExamples}|{spec.Seed}|{spec.Template}|{spec.MaxLength}|{spec.Model}",
            _ => Load(spec, experimentDirectory));

    private static ExperimentData Load(ExperimentSpec spec, string experimentDirectory)
    {
        var sft = Limit(Parse(Resolve(spec.SftDataset, spec, experimentDirectory), "sft_dataset").Sft, spec.MaxSftExamples);
        var preferences = Limit(Parse(Resolve(spec.PreferenceDataset, spec, experimentDirectory), "preference_dataset").Preference, spec.MaxPreferenceExamples);
        if (sft.Count < 2 || preferences.Count < 2)
        {
            throw new ArgumentException("Experiment config: sft_dataset needs SFT examples and preference_dataset preference pairs (at least 2 each).");
        }

        var sftSplit = HeldOutSplit.Split(sft, spec.HeldOutFraction, spec.Seed);
        var preferenceSplit = HeldOutSplit.Split(preferences, spec.HeldOutFraction, spec.Seed);
        var template = PromptTemplates.ByName(spec.Template);
        var pretrained = PretrainedSource.TryResolve(spec.Model, experimentDirectory);
        var tokenizer = TokenizerFor(pretrained, template, sft, preferences);
        var examples = new ExampleTokenizer(tokenizer, template, spec.MaxLength);
        var preferenceHeldOut = Limit(preferenceSplit.HeldOut, spec.EvalExamples);
        return new ExperimentData(
            [.. preferenceSplit.Train, .. preferenceHeldOut],
            [.. sftSplit.Train.Select(examples.Tokenize)],
            [.. Limit(sftSplit.HeldOut, spec.EvalExamples).Select(examples.Tokenize)],
            [.. preferenceSplit.Train.Select(examples.Tokenize)],
            [.. preferenceHeldOut.Select(examples.Tokenize)],
            tokenizer,
            template,
            pretrained is not null ? PretrainedSource.LlamaConfigOf(pretrained) : LlamaPresets.ByName(spec.Model, tokenizer.VocabSize),
            pretrained);
    }

    /// <summary>
    /// The tokenizer an experiment's runs use: a pretrained model's own (<paramref name="pretrainedFolder"/>), else a compact
    /// GPT-2 vocabulary of the corpus (which encodes every text to as many tokens as GPT-2 does).
    /// </summary>
    public static ITokenizer TokenizerFor(
        string? pretrainedFolder, IPromptTemplate template, IEnumerable<SftExample> sft, IEnumerable<PreferenceExample> preferences) =>
        pretrainedFolder is not null ? TokenizerFiles.Load(pretrainedFolder)
            : CompactVocabularyTokenizer.Build(Gpt2Tokenizer.Instance, ExampleTokenizer.EncodedTexts(template, sft, preferences));

    private static string Resolve(string dataset, ExperimentSpec spec, string experimentDirectory)
    {
        if (!dataset.StartsWith("demo:", StringComparison.Ordinal))
        {
            return dataset;
        }

        var files = DemoTaskWriter.Write(Path.Combine(experimentDirectory, "demo"), spec.DemoExamples, spec.DemoExamples, seed: 0);
        return dataset switch
        {
            DemoSft => files.SftPath,
            DemoPreference => files.PreferencePath,
            _ => throw new ArgumentException($"Unknown demo dataset '{dataset}': use {DemoSft} or {DemoPreference}."),
        };
    }

    private static ParsedDataset Parse(string path, string field)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"Experiment config field '{field}': file '{path}' does not exist.");
        }

        var parsed = DatasetParser.ParseFile(path);
        return parsed.IsAccepted ? parsed : throw new ArgumentException($"Experiment config field '{field}': {path}: {parsed.Report}");
    }

    private static IReadOnlyList<T> Limit<T>(IReadOnlyList<T> items, int? max) => max is { } m && m < items.Count ? [.. items.Take(m)] : items;
}
