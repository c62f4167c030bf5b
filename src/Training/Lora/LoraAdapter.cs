using Forgetless.Training.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Forgetless.Training.Lora;

/// <summary>
/// One low-rank update B(A(dropout(x))) for a Linear of shape (out, in); field names are PEFT's. A starts
/// Kaiming-uniform and B at zero (PEFT's defaults), so a fresh adapter leaves the model unchanged. Dropout masks
/// come from the adapters' own generator, never the global one (shared by every thread), so runs are reproducible.
/// </summary>
public sealed class LoraAdapter : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are PEFT checkpoint keys
    private readonly Linear lora_A;
    private readonly Linear lora_B;
#pragma warning restore IDE1006
    private readonly double dropoutProbability;
    private readonly Generator dropoutGenerator;

    public LoraAdapter(long inFeatures, long outFeatures, int rank, double dropoutProbability, Generator dropoutGenerator) : base(nameof(LoraAdapter))
    {
        lora_A = nn.Linear(inFeatures, rank, hasBias: false);
        lora_B = nn.Linear(rank, outFeatures, hasBias: false);
        (this.dropoutProbability, this.dropoutGenerator) = (dropoutProbability, dropoutGenerator);
        using (no_grad())
        {
            nn.init.kaiming_uniform_(lora_A.weight!, a: Math.Sqrt(5));
            nn.init.zeros_(lora_B.weight!);
        }
        RegisterComponents();
        ParameterHandles.Created(this);
    }

    public Parameter A => lora_A.weight!;

    public Parameter B => lora_B.weight!;

    public override Tensor forward(Tensor input)
    {
        if (!training || dropoutProbability == 0)
        {
            using var plainDown = lora_A.forward(input);
            return lora_B.forward(plainDown);
        }

        // Inverted dropout, as nn.Dropout: keep with probability 1 − p and scale by 1 / (1 − p).
        using var probability = dropoutProbability.ToScalar(); // held: a temporary Scalar may be finalized mid-call
        using var survivorScale = (1 - dropoutProbability).ToScalar();
        using var keep = rand(input.shape, input.dtype, input.device, generator: dropoutGenerator).ge_(probability);
        using var dropped = input * keep.div_(survivorScale);
        using var down = lora_A.forward(dropped);
        return lora_B.forward(down);
    }
}
