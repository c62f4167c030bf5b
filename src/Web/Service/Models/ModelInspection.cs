using System.Text.Json;
using Forgetless.Training.Checkpoints;
using Forgetless.Training.Model;

namespace Forgetless.Web.Service.Models;

/// <summary>
/// What the engine says about a Hugging Face folder: it loads it (architecture, every key and shape, the tokenizer)
/// and checks that experiments can train it. Engine errors become <see cref="ModelRejectedException"/>s.
/// </summary>
public sealed record ModelInspection(string Architecture, long ParameterCount, int VocabSize)
{
    /// <param name="displayPath">Replaces <paramref name="folder"/> in messages: users never see server paths.</param>
    public static ModelInspection Of(string folder, string displayPath)
    {
        try
        {
            using var pretrained = HuggingFaceCheckpoint.Load(folder);
            if (pretrained.Model is not LlamaForCausalLM llama)
            {
                throw new ModelRejectedException(
                    $"{displayPath} is a {pretrained.Architecture.Name}; experiments train Llama-family models (LlamaForCausalLM, Qwen2ForCausalLM) only.");
            }

            var parameters = pretrained.Model.parameters().Sum(p => p.numel());
            return new ModelInspection(pretrained.Architecture.Name, parameters, llama.Config.VocabSize);
        }
        catch (Exception e) when (IsBadModel(e))
        {
            throw new ModelRejectedException(Hide(e.Message, folder, displayPath));
        }
    }

    /// <summary>The exceptions the engine throws for files that are not a usable model (not disk or memory trouble).</summary>
    public static bool IsBadModel(Exception e) => e is InvalidDataException or FormatException or ArgumentException or NotSupportedException
        or FileNotFoundException or EndOfStreamException or JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException;

    public static string Hide(string message, string path, string displayPath) =>
        message.Replace(Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar), displayPath, StringComparison.Ordinal);
}
