using Forgetless.Training.Tensors;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>
/// Keys and values of the tokens already seen, per layer, shape (B, kv_heads, T, head_dim): a decoding step then
/// computes only the new token's projections. The model appends in every layer, then calls <see cref="Advance"/>.
/// Tensors are kept outside dispose scopes and freed by <see cref="Dispose"/>.
/// </summary>
public sealed class KeyValueCache(int layers) : IDisposable
{
    private readonly Tensor?[] keys = new Tensor?[layers];
    private readonly Tensor?[] values = new Tensor?[layers];

    /// <summary>How many positions are cached; the next token's position.</summary>
    public int Length { get; private set; }

    /// <summary>Appends this step's key/value along the time axis and returns the full cached key/value.</summary>
    public (Tensor Key, Tensor Value) Append(int layer, Tensor key, Tensor value)
    {
        var fullKey = keys[layer] is { } oldKey ? cat([oldKey, key], 2) : key.clone();
        var fullValue = values[layer] is { } oldValue ? cat([oldValue, value], 2) : value.clone();
        keys[layer]?.Dispose();
        values[layer]?.Dispose();
        keys[layer] = fullKey.DetachFromDisposeScope();
        values[layer] = fullValue.DetachFromDisposeScope();
        return (fullKey, fullValue);
    }

    public void Advance(int tokens) => Length += tokens;

    /// <summary>
    /// The attention mask for <paramref name="queryLength"/> new queries over <paramref name="keyLength"/> keys:
    /// null when plain causal (top-left aligned) masking is right, else an additive (-inf above the shifted diagonal) mask.
    /// </summary>
    public static Tensor? ShiftedCausalMask(long queryLength, long keyLength, ScalarType dtype, Device device)
    {
        if (queryLength == 1 || queryLength == keyLength) return null;
        using var blocked = ones(queryLength, keyLength, ScalarType.Bool, device).triu(keyLength - queryLength + 1);
        return zeros(queryLength, keyLength, dtype, device).MaskedFill(blocked, double.NegativeInfinity);
    }

    public void Dispose()
    {
        foreach (var tensor in keys.Concat(values)) tensor?.Dispose();
        Array.Clear(keys);
        Array.Clear(values);
    }
}
