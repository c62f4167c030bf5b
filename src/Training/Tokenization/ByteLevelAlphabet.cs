using System.Text;

namespace Forgetless.Training.Tokenization;

/// <summary>GPT-2's byte → printable character map (bytes_to_unicode): printable Latin-1 bytes are themselves, the rest 256 + n.</summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = Build();

    public static string Spell(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes) text.Append(ByteToChar[b]);
        return text.ToString();
    }

    public static string Spell(string text) => Spell(Encoding.UTF8.GetBytes(text));

    private static char[] Build()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
            map[b] = b is >= '!' and <= '~' or >= '¡' and <= '¬' or >= '®' and <= 'ÿ' ? (char)b : (char)next++;
        return map;
    }
}
