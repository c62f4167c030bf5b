using Forgetless.Training.Losses;
using Forgetless.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Losses;

public class SingleBatchOverfitTests
{
    [Fact]
    public void Tiny_llama_overfits_one_sft_batch_with_adamw()
    {
        manual_seed(7);
        using var model = new LlamaForCausalLM(LlamaPresets.Tiny(vocabSize: 16));
        using var optimizer = optim.AdamW(model.parameters(), lr: 1e-2);
        long[][] rows = [[1, 2, 3, 4, 9, 8, 7, 6, 5, 0], [3, 3, 2, 1, 5, 6, 7, 8, 9, 0]];
        var firstLoss = double.NaN;
        var lastLoss = double.NaN;

        for (var step = 0; step < 300 && !(lastLoss < 0.05); step++)
        {
            using var scope = NewDisposeScope();
            var ids = tensor(rows.SelectMany(row => row).ToArray()).view(2, 10);
            var labels = ids.clone();
            labels[TensorIndex.Colon, TensorIndex.Slice(0, 4)] = tensor(LabelMask.Ignore); // 4 prompt tokens

            optimizer.zero_grad();
            var loss = SftLoss.Compute(model.forward(ids), labels).Loss;
            loss.backward();
            optimizer.step();
            lastLoss = loss.item<float>();
            firstLoss = double.IsNaN(firstLoss) ? lastLoss : firstLoss;
        }

        Assert.InRange(firstLoss, 2.0, 3.5); // about ln 16 = 2.77 at initialisation
        Assert.True(lastLoss < 0.05, $"loss after training was {lastLoss}");
    }
}
