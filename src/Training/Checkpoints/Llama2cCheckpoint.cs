using Forgetless.Training.Model;
using static TorchSharp.torch;

namespace Forgetless.Training.Checkpoints;

/// <summary>
/// Reads llama2.c's legacy (version 0) model file into Hugging Face Llama tensors. Header: 7 int32 (dim,
/// hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len; a positive vocab_size means the classifier
/// shares the token embedding), then float32 weights in llama2.c's order. llama2.c rotates adjacent pairs
/// (2i, 2i+1) of each head; HF's rotate_half rotates (i, i + d/2), so wq and wk rows are permuted as
/// transformers' convert_llama_weights_to_hf.py does.
/// </summary>
public static class Llama2cCheckpoint
{
    /// <summary>True when the file starts with a plausible llama2.c header and is long enough for it (nothing else is read).</summary>
    public static bool HasModelHeader(string path)
    {
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            ReadHeader(reader, path);
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            return false;
        }
    }

    public static (LlamaConfig Config, Dictionary<string, Tensor> Weights) Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var (config, header) = ReadHeader(reader, path);
        var (dim, hidden, layers, heads, kvHeads, signedVocab, seqLen) = (header[0], header[1], header[2], header[3], header[4], header[5], header[6]);
        var vocab = config.VocabSize;
        var headDim = dim / heads;
        var kvDim = dim * kvHeads / heads;

        var weights = new Dictionary<string, Tensor>();
        Tensor Next(params long[] shape) => ReadFloats(reader, shape);
        void PerLayer(string name, Func<Tensor, Tensor>? convert, params long[] shape)
        {
            for (var layer = 0; layer < layers; layer++)
            {
                var tensor = Next(shape);
                weights[$"model.layers.{layer}.{name}.weight"] = convert is null ? tensor : convert(tensor);
            }
        }

        weights["model.embed_tokens.weight"] = Next(vocab, dim);
        PerLayer("input_layernorm", null, dim);
        PerLayer("self_attn.q_proj", w => InterleavedToHalves(w, heads), dim, dim);
        PerLayer("self_attn.k_proj", w => InterleavedToHalves(w, kvHeads), kvDim, dim);
        PerLayer("self_attn.v_proj", null, kvDim, dim);
        PerLayer("self_attn.o_proj", null, dim, dim);
        PerLayer("post_attention_layernorm", null, dim);
        PerLayer("mlp.gate_proj", null, hidden, dim);
        PerLayer("mlp.down_proj", null, dim, hidden);
        PerLayer("mlp.up_proj", null, hidden, dim);
        weights["model.norm.weight"] = Next(dim);
        if (signedVocab < 0)
        {
            reader.BaseStream.Seek((long)seqLen * headDim * 4, SeekOrigin.Current); // the two unused legacy RoPE tables
            weights["lm_head.weight"] = Next(vocab, dim);
        }
        return (config, weights);
    }

    private static (LlamaConfig Config, int[] Header) ReadHeader(BinaryReader reader, string path)
    {
        int[] header;
        try { header = [.. Enumerable.Range(0, 7).Select(_ => reader.ReadInt32())]; }
        catch (EndOfStreamException) { throw new InvalidDataException($"{path}: shorter than the 28-byte llama2.c header."); }
        var (dim, hidden, layers, heads, kvHeads, signedVocab, seqLen) = (header[0], header[1], header[2], header[3], header[4], header[5], header[6]);
        if (dim <= 0 || hidden <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || seqLen <= 0 || signedVocab == 0 || dim % heads != 0 || heads % kvHeads != 0)
            throw new InvalidDataException($"{path}: implausible llama2.c header [{string.Join(", ", header)}] (dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len).");
        var vocab = Math.Abs(signedVocab);
        var headDim = dim / heads;
        var kvDim = dim * kvHeads / heads;
        var config = new LlamaConfig
        {
            VocabSize = vocab, HiddenSize = dim, IntermediateSize = hidden, NumHiddenLayers = layers,
            NumAttentionHeads = heads, NumKeyValueHeads = kvHeads, MaxPositionEmbeddings = seqLen,
            RmsNormEps = 1e-5, RopeTheta = 10000, TieWordEmbeddings = signedVocab > 0, BosTokenId = 1, EosTokenId = 2,
        }.Validate();

        var expectedFloats = (long)vocab * dim + layers * (2L * dim + 2L * dim * dim + 2L * kvDim * dim + 3L * hidden * dim) + dim
            + (long)seqLen * headDim + (signedVocab > 0 ? 0 : (long)vocab * dim);
        if (reader.BaseStream.Length - 28 < expectedFloats * 4)
            throw new InvalidDataException($"{path}: {reader.BaseStream.Length} bytes, but the header [{string.Join(", ", header)}] needs {28 + expectedFloats * 4}.");
        return (config, header);
    }

    /// <summary>Rows (h, d/2, 2) → (h, 2, d/2): pair element 0 of every pair first, then element 1, per head.</summary>
    public static Tensor InterleavedToHalves(Tensor weight, int heads)
    {
        var (rows, columns) = (weight.shape[0], weight.shape[1]);
        using var permuted = weight.view(heads, rows / heads / 2, 2, columns).transpose(1, 2);
        var result = permuted.reshape(rows, columns).contiguous();
        weight.Dispose();
        return result;
    }

    private static Tensor ReadFloats(BinaryReader reader, long[] shape)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var bytes = reader.ReadBytes(checked((int)(count * 4)));
        var values = new float[count];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return tensor(values, shape);
    }
}
