using Forgetless.Training.Datasets;

namespace Forgetless.Training.Tokenization;

/// <summary>
/// Renders a prompt as the text that precedes the response; the response (then EOS) follows it directly.
/// A prompt that arrived as one verbatim string (<see cref="Prompt.IsText"/>) is returned unchanged by every
/// template, so an already formatted transcript is never wrapped twice.
/// </summary>
public interface IPromptTemplate
{
    string Name { get; }

    string Render(Prompt prompt);
}
