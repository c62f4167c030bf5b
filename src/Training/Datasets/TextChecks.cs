namespace Forgetless.Training.Datasets;

/// <summary>
/// Text a tokenizer, a database or a log line cannot take safely: lone UTF-16 surrogates (which JSON escapes such as
/// "\ud800" can smuggle in) and control characters. Data may hold tabs and line breaks; names may not.
/// </summary>
public static class TextChecks
{
    /// <summary>Why <paramref name="text"/> is unusable, or null when it is fine.</summary>
    public static string? Problem(string text, bool allowLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c)) return $"holds a lone UTF-16 surrogate (U+{(int)c:X4}) at character {i + 1}";
            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
            {
                return $"holds the control character U+{(int)c:X4} at character {i + 1}";
            }
        }

        return null;
    }
}
