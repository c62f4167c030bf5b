using Forgetless.Training.Datasets;

namespace Forgetless.Web.Service.Datasets;

/// <summary>
/// One normalised row: <see cref="Response"/> for SFT, <see cref="Chosen"/> and <see cref="Rejected"/> for
/// preference data; token counts (GPT-2 BPE) for each part. <see cref="Prompt"/> is rendered with <see cref="Template"/>,
/// as training renders it; <see cref="Turns"/> are the prompt's turns for reading (see <see cref="PromptTurns"/>).
/// </summary>
public sealed record PreviewRow(
    int Line,
    string Prompt,
    int PromptTokens,
    string? Response,
    int? ResponseTokens,
    string? Chosen,
    int? ChosenTokens,
    string? Rejected,
    int? RejectedTokens,
    string Template,
    IReadOnlyList<ChatTurn> Turns);
