using Forgetless.Training.Checkpoints;
using Forgetless.Training.Generation;
using Forgetless.Training.Tests.Checkpoints;

namespace Forgetless.Training.Tests.Generation;

public class GenerateCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("forgetless-generate-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [SkippableFact]
    public void Without_a_prompt_it_returns_the_start_of_llama2c_greedy_story()
    {
        Stories260KFiles.SkipUnlessStories260K();
        Llama2cImport.Run(Stories260KFiles.Stories260KModel, Stories260KFiles.Stories260KTokenizer, folder);

        var text = GenerateCommand.Run(folder, "", GenerationOptions.Greedy(60));

        Assert.True(text.Length > 150, text);
        Assert.StartsWith(text, Llama2cImportTests.ExpectedGreedyText);
    }

    [SkippableFact]
    public void With_a_prompt_it_returns_only_the_continuation_and_keeps_its_leading_space()
    {
        Stories260KFiles.SkipUnlessStories260K();
        Llama2cImport.Run(Stories260KFiles.Stories260KModel, Stories260KFiles.Stories260KTokenizer, folder);
        const string prompt = "Once upon a time, there was a little girl named Lily.";

        var text = GenerateCommand.Run(folder, prompt, GenerationOptions.Greedy(12));

        // The greedy story continues the README's sentence with " She loved to play outside in the park."
        Assert.StartsWith(" She loved to play", text);
        Assert.DoesNotContain("Once upon", text);
    }
}
