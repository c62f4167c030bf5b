using Forgetless.Training.Tokenization;

namespace Forgetless.Training.Tests.Tokenization;

public class CompactVocabularyTokenizerTests
{
    private static readonly string[] Corpus = ["Hello world!", "Grüße, world 🙂"];

    private readonly CompactVocabularyTokenizer _compact = CompactVocabularyTokenizer.Build(Gpt2Tokenizer.Instance, Corpus);

    [Fact]
    public void Keeps_only_the_corpus_ids_plus_eos_and_unknown()
    {
        var corpusIds = Corpus.SelectMany(Gpt2Tokenizer.Instance.Encode).Distinct().Count();

        Assert.Equal(corpusIds + 2, _compact.VocabSize);
        Assert.Equal(0, _compact.EosId);
        Assert.Equal(0, _compact.PadId);
        Assert.Equal(50256, _compact.BaseIds[0]);
        Assert.Equal(-1, _compact.BaseIds[CompactVocabularyTokenizer.UnknownId]);
    }

    [Fact]
    public void Maps_base_ids_densely_in_ascending_order()
    {
        // "Hello world!" is 15496, 995, 0 in GPT-2; the corpus's base ids sorted ascending start at dense id 2.
        var sortedBaseIds = Corpus.SelectMany(Gpt2Tokenizer.Instance.Encode).Distinct().Order().ToList();
        var expected = new[] { 15496, 995, 0 }.Select(id => sortedBaseIds.IndexOf(id) + 2);

        Assert.Equal(expected, _compact.Encode("Hello world!"));
    }

    [Fact]
    public void Round_trips_corpus_text_including_non_ascii()
    {
        Assert.Equal("Grüße, world 🙂", _compact.Decode(_compact.Encode("Grüße, world 🙂")));
    }

    [Fact]
    public void Maps_ids_outside_the_corpus_to_unknown_which_decodes_to_replacement_character()
    {
        var ids = _compact.Encode("Hello cat");

        Assert.Equal(CompactVocabularyTokenizer.UnknownId, ids[^1]);
        Assert.Equal("Hello\uFFFD", _compact.Decode(ids));
    }

    [Fact]
    public void Json_round_trip_gives_the_same_vocabulary_and_name()
    {
        var path = Path.GetTempFileName();
        try
        {
            _compact.Save(path);
            var loaded = CompactVocabularyTokenizer.Load(path);

            Assert.Equal(_compact.BaseIds, loaded.BaseIds);
            Assert.Equal(_compact.Name, loaded.Name);
            Assert.Equal(_compact.Encode("Hello world!"), loaded.Encode("Hello world!"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Different_corpora_get_different_names()
    {
        var other = CompactVocabularyTokenizer.Build(Gpt2Tokenizer.Instance, ["Hello there!"]);

        Assert.NotEqual(_compact.Name, other.Name);
        Assert.StartsWith("gpt2-compact", other.Name);
    }

    [Fact]
    public void Decoding_an_id_outside_the_vocabulary_is_an_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _compact.Decode([_compact.VocabSize]));
    }
}
