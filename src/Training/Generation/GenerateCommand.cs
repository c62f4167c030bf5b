using Forgetless.Training.Checkpoints;

namespace Forgetless.Training.Generation;

/// <summary>
/// The <c>generate</c> verb's work: load a model folder, encode the prompt after BOS (when the model has one),
/// continue it, and return only the new text. Generation stops at EOS, at BOS (a new document) or after the budget.
/// </summary>
public static class GenerateCommand
{
    public static string Run(string modelFolder, string prompt, GenerationOptions options)
    {
        using var pretrained = HuggingFaceCheckpoint.Load(modelFolder);
        var tokenizer = pretrained.Tokenizer;
        List<int> ids = [.. tokenizer.BosId is { } bos ? [bos] : Array.Empty<int>(), .. tokenizer.Encode(prompt)];
        if (ids.Count == 0) ids.Add(tokenizer.EosId); // models without BOS start a document after an end-of-text
        int[] stops = [tokenizer.EosId, .. tokenizer.BosId is { } b ? [b] : Array.Empty<int>()];
        var generated = TextGenerator.Generate(pretrained.Causal, ids, options with { StopTokenIds = stops });
        if (prompt.Length == 0) return tokenizer.Decode(generated);
        // Decode prompt + continuation together so a piece's leading space is kept, then drop the prompt's text.
        var promptText = tokenizer.Decode(ids);
        var full = tokenizer.Decode([.. ids, .. generated]);
        return full.StartsWith(promptText, StringComparison.Ordinal) ? full[promptText.Length..] : tokenizer.Decode(generated);
    }
}
