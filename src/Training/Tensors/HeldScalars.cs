using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Tensors;

/// <summary>
/// Tensor arithmetic whose Scalars live until libtorch returns. TorchSharp 0.107 turns numbers into Scalars inside its
/// operators and overloads (even <c>tensor + tensor</c>, whose alpha is a hidden Scalar 1), passes on only the native
/// pointer and drops the wrapper: a GC during the call can finalize it while libtorch still reads it ("Expected false
/// to be true ... Scalar.h"). Each method here holds its Scalar in a <c>using</c> across the call. The engine uses these
/// instead of the operators; <c>HeldScalarsTests</c> scans the engine's source for any call that would not.
/// </summary>
public static class HeldScalars
{
    public static Tensor Plus(this Tensor left, Tensor right)
    {
        using var one = 1.ToScalar();
        return left.add(right, one);
    }

    public static Tensor Plus(this Tensor tensor, double value)
    {
        using var scalar = value.ToScalar();
        using var one = 1.ToScalar(); // add(Scalar) would make its alpha a temporary
        return tensor.add(scalar, one);
    }

    public static Tensor Times(this Tensor tensor, double factor)
    {
        using var scalar = factor.ToScalar();
        return tensor.mul(scalar);
    }

    public static Tensor TimesInPlace(this Tensor tensor, double factor)
    {
        using var scalar = factor.ToScalar();
        return tensor.mul_(scalar);
    }

    public static Tensor DividedBy(this Tensor tensor, double divisor)
    {
        using var scalar = divisor.ToScalar();
        return tensor.div(scalar);
    }

    public static Tensor Power(this Tensor tensor, long exponent)
    {
        using var scalar = exponent.ToScalar();
        return tensor.pow(scalar);
    }

    public static Tensor Square(this Tensor tensor) => tensor.mul(tensor);

    public static Tensor AddInPlace(this Tensor tensor, Tensor other)
    {
        using var one = 1.ToScalar();
        return tensor.add_(other, one);
    }

    public static Tensor MaskedFill(this Tensor tensor, Tensor mask, double value)
    {
        using var scalar = value.ToScalar();
        return tensor.masked_fill(mask, scalar);
    }

    public static Tensor AtLeast(this Tensor tensor, double value)
    {
        using var scalar = value.ToScalar();
        return tensor.ge(scalar);
    }

    public static Tensor NotEqual(this Tensor tensor, long value)
    {
        using var scalar = value.ToScalar();
        return tensor.ne(scalar);
    }

    public static Tensor Full(long[] shape, long value, ScalarType dtype, Device device)
    {
        using var scalar = value.ToScalar();
        return full(shape, scalar, dtype, device);
    }

    /// <summary>start, start + step, ... below end.</summary>
    public static Tensor Range(long start, long end, long step, ScalarType dtype, Device? device = null)
    {
        using var first = start.ToScalar();
        using var stop = end.ToScalar();
        using var stride = step.ToScalar();
        return arange(first, stop, stride, dtype, device);
    }
}
