using Forgetless.Training.Checkpoints;
using Forgetless.Training.Tests.Tokenization;
using Forgetless.Training.Tokenization;

namespace Forgetless.Training.Tests.Checkpoints;

/// <summary>
/// The tokenizer.json that import-llama2c writes for stories260K, read back by Forgetless, gives the ids that
/// @huggingface/tokenizers gives on the same file (tools/tokenizer-fixtures/), hard strings and special tokens typed
/// in the text alike: <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>, <c>&lt;unk&gt;</c> become 1, 2, 0 as in Hugging Face.
/// </summary>
public sealed class Llama2cImportTokenizerTests : IClassFixture<Llama2cImportTokenizerTests.ImportedStories260K>
{
    private const string HardStrings = "stories260k-import.json";
    private const string SpecialStrings = "stories260k-import-special.json";
    private readonly ImportedStories260K imported;

    public Llama2cImportTokenizerTests(ImportedStories260K imported) => this.imported = imported;

    public static IEnumerable<object[]> HardCases() => TokenizerIdFixture.CaseNames(HardStrings);

    public static IEnumerable<object[]> SpecialCases() => TokenizerIdFixture.CaseNames(SpecialStrings);

    [SkippableTheory]
    [MemberData(nameof(HardCases))]
    public void The_imported_tokenizer_encodes_hard_strings_as_huggingface_tokenizers_does(string name)
    {
        var expected = TokenizerIdFixture.Load(HardStrings)[name];

        Assert.Equal(expected.Ids, imported.Tokenizer.Encode(expected.Text));
    }

    [SkippableTheory]
    [MemberData(nameof(SpecialCases))]
    public void Special_tokens_typed_in_text_get_the_ids_huggingface_gives(string name)
    {
        var expected = TokenizerIdFixture.Load(SpecialStrings)[name];

        Assert.Equal(expected.Ids, imported.Tokenizer.Encode(expected.Text));
    }

    [SkippableFact]
    public void Bos_eos_and_unk_typed_in_text_are_ids_1_2_and_0()
    {
        Assert.Equal([1, 2, 0], imported.Tokenizer.Encode("<s></s><unk>"));
    }

    /// <summary>Imports stories260K once for the class (skipping each test when ../shared lacks it).</summary>
    public sealed class ImportedStories260K : IDisposable
    {
        private readonly string folder = Directory.CreateTempSubdirectory("forgetless-import-tokenizer-").FullName;
        private ITokenizer? tokenizer;

        public ITokenizer Tokenizer
        {
            get
            {
                Stories260KFiles.SkipUnlessStories260K();
                if (tokenizer is null)
                {
                    Llama2cImport.Run(Stories260KFiles.Stories260KModel, Stories260KFiles.Stories260KTokenizer, folder);
                    tokenizer = TokenizerFiles.Load(folder);
                }
                return tokenizer;
            }
        }

        public void Dispose() => Directory.Delete(folder, recursive: true);
    }
}
