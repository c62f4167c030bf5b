namespace Forgetless.Training.Tokenization;

/// <summary>The named prompt templates, chosen by name from configuration.</summary>
public static class PromptTemplates
{
    /// <summary>Default for instruction data (Alpaca fields).</summary>
    public const string InstructionDefault = "alpaca";

    /// <summary>Default for chat data (messages, conversations).</summary>
    public const string ChatDefault = "chatml";

    private static readonly IPromptTemplate[] All =
        [new AlpacaTemplate(), new ChatMlTemplate(), new Llama3Template(), new PlainTemplate()];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(template => template.Name)];

    public static IPromptTemplate ByName(string name) =>
        All.FirstOrDefault(template => string.Equals(template.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"Unknown prompt template '{name}'. Known templates: {string.Join(", ", Names)}.", nameof(name));
}
