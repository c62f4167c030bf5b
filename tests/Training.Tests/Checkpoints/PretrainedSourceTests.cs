using Forgetless.Training.Checkpoints;
using Forgetless.Training.Generation;
using Forgetless.Training.Tokenization;

namespace Forgetless.Training.Tests.Checkpoints;

public class PretrainedSourceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("forgetless-source-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_preset_name_is_not_a_pretrained_model()
    {
        Assert.Null(PretrainedSource.TryResolve("tiny", folder));
    }

    [Fact]
    public void A_llama2c_source_with_a_missing_file_is_refused_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => PretrainedSource.TryResolve("llama2c:nope.bin;tok.bin", folder));
        Assert.Contains("'model'", error.Message);
    }

    [SkippableFact]
    public void A_llama2c_source_is_imported_once_into_the_experiment_folder_and_loads_its_weights()
    {
        Stories260KFiles.SkipUnlessStories260K();
        var source = $"llama2c:{Stories260KFiles.Stories260KModel};{Stories260KFiles.Stories260KTokenizer}";

        var resolved = PretrainedSource.TryResolve(source, folder)!;
        var config = PretrainedSource.LlamaConfigOf(resolved);
        using var model = PretrainedSource.LoadLlama(resolved, config);

        Assert.Equal(Path.Combine(folder, "pretrained-model"), resolved);
        Assert.Equal((64, 5, 512), (config.HiddenSize, config.NumHiddenLayers, config.VocabSize));
        var text = TokenizerFiles.Load(resolved).Decode(TextGenerator.Generate(model, [1], GenerationOptions.Greedy(6)));
        Assert.StartsWith("Once upon a time,", text); // the pretrained weights, not a random θ₀
    }
}
