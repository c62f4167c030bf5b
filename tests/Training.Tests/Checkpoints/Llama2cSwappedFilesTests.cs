using System.Text;
using Forgetless.Training.Checkpoints;

namespace Forgetless.Training.Tests.Checkpoints;

/// <summary>
/// A llama2.c import whose two files are swapped, or whose tokenizer is something else, says so in words the user can act
/// on. The files are real llama2.c bytes, built here: a one-layer model (dim 8, vocabulary 260) and its tokenizer.
/// </summary>
public sealed class Llama2cSwappedFilesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("forgetless-llama2c-swap-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_hand_built_pair_imports_in_the_right_order()
    {
        var (model, tokenizer) = (TinyModel(), TinyTokenizer());

        Llama2cImport.Run(model, tokenizer, Path.Combine(folder, "out"));

        Assert.True(File.Exists(Path.Combine(folder, "out", "config.json")));
        Assert.True(Llama2cCheckpoint.HasModelHeader(model));
        Assert.True(Forgetless.Training.Tokenization.Llama2cTokenizerFile.LooksLikeOne(tokenizer));
    }

    [Fact]
    public void Swapped_files_are_refused_asking_whether_they_were_swapped()
    {
        var (model, tokenizer) = (TinyModel(), TinyTokenizer());

        var refusal = Assert.Throws<InvalidDataException>(() => Llama2cImport.Run(tokenizer, model, Path.Combine(folder, "out")));

        Assert.Contains("The model file is a llama2.c tokenizer and the tokenizer file a model: did you swap the model and tokenizer files?", refusal.Message);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [Fact]
    public void A_model_given_as_the_tokenizer_too_is_refused_asking_whether_the_files_were_swapped()
    {
        var model = TinyModel();

        var refusal = Assert.Throws<InvalidDataException>(() => Llama2cImport.Run(model, model, Path.Combine(folder, "out")));

        Assert.Contains("The tokenizer file is a llama2.c model: did you swap the model and tokenizer files?", refusal.Message);
    }

    [Fact]
    public void A_tokenizer_json_given_as_the_tokenizer_is_refused_as_not_a_llama2c_tokenizer()
    {
        var json = Path.Combine(folder, "tokenizer.json");
        File.WriteAllText(json, """{"version": "1.0", "model": {"type": "BPE", "vocab": {"a": 0}}}""");

        var refusal = Assert.Throws<InvalidDataException>(() => Llama2cImport.Run(TinyModel(), json, Path.Combine(folder, "out")));

        Assert.Contains("It is not a llama2.c tokenizer.bin", refusal.Message);
        Assert.Contains("did you swap the model and tokenizer files?", refusal.Message);
    }

    [Fact]
    public void A_tokenizer_of_another_vocabulary_is_refused_without_a_swap_hint()
    {
        var refusal = Assert.Throws<InvalidDataException>(() => Llama2cImport.Run(TinyModel(), TinyTokenizer("b", "c"), Path.Combine(folder, "out")));

        Assert.Contains("is the vocabulary size right?", refusal.Message);
        Assert.DoesNotContain(Llama2cImport.SwappedHint, refusal.Message);
    }

    /// <summary>llama2.c's legacy layout: 7 int32 (dim 8, hidden 16, 1 layer, 2 heads, 2 kv heads, vocab 260 shared, seq 4), then floats.</summary>
    private string TinyModel()
    {
        const int dim = 8, hidden = 16, layers = 1, heads = 2, kvHeads = 2, vocab = 3 + 256 + 1, seqLen = 4;
        const int kvDim = dim * kvHeads / heads, headDim = dim / heads;
        var floats = vocab * dim + layers * (2 * dim + 2 * dim * dim + 2 * kvDim * dim + 3 * hidden * dim) + dim + seqLen * headDim;
        var path = Path.Combine(folder, "model.bin");
        using var writer = new BinaryWriter(File.Create(path));
        foreach (var value in new[] { dim, hidden, layers, heads, kvHeads, vocab, seqLen }) writer.Write(value);
        for (var i = 0; i < floats; i++) writer.Write(MathF.Sin(i) * 0.05f);
        return path;
    }

    /// <summary>llama2.c's tokenizer.bin: int32 max length, then per token a float32 score, an int32 length and the bytes.</summary>
    private string TinyTokenizer(params string[] extra)
    {
        // The three specials, the 256 byte-fallback pieces every llama2.c vocabulary has, then ordinary pieces.
        string[] pieces = ["<unk>", "<s>", "</s>", .. Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>"), .. extra.Length == 0 ? ["a"] : extra];
        var path = Path.Combine(folder, $"tokenizer-{pieces.Length}.bin");
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(pieces.Max(p => Encoding.UTF8.GetByteCount(p)));
        foreach (var piece in pieces)
        {
            writer.Write(0f);
            writer.Write(Encoding.UTF8.GetByteCount(piece));
            writer.Write(Encoding.UTF8.GetBytes(piece));
        }

        return path;
    }
}
