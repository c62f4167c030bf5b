namespace Forgetless.Training.Datasets;

/// <summary>One turn of a conversation. Roles are normalised to "system", "user" and "assistant".</summary>
public sealed record ChatTurn(string Role, string Content);
