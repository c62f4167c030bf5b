using System.Text.Json;
using Forgetless.Training.Datasets;
using Forgetless.Training.Demo;
using Forgetless.Training.Schedules;
using Forgetless.Training.Tokenization;

namespace Forgetless.Training.Tests.Demo;

public class DemoTaskTests
{
    [Fact]
    public void Same_seed_gives_the_same_examples_and_another_seed_differs()
    {
        Assert.Equal(DemoTask.SftExamples(50, 1), DemoTask.SftExamples(50, 1));
        Assert.Equal(DemoTask.PreferenceExamples(50, 1), DemoTask.PreferenceExamples(50, 1));
        Assert.NotEqual(DemoTask.SftExamples(50, 1), DemoTask.SftExamples(50, 2));
    }

    [Fact]
    public void Sft_teaches_both_styles_about_equally_often()
    {
        var responses = DemoTask.SftExamples(2000, 3).Select(e => e.Response).ToList();

        Assert.All(responses, r => Assert.Matches(@"^The (answer|result) is \d+\.$", r));
        var answerShare = responses.Count(r => r.StartsWith("The answer", StringComparison.Ordinal)) / (double)responses.Count;
        Assert.InRange(answerShare, 0.45, 0.55);
    }

    [Fact]
    public void Preference_pairs_prefer_the_result_style_over_the_answer_style_and_both_are_sft_targets()
    {
        var sftResponses = DemoTask.SftExamples(2000, 3).Select(e => e.Response).ToHashSet();

        foreach (var pair in DemoTask.PreferenceExamples(500, 3))
        {
            Assert.Matches(@"^The result is \d+\.$", pair.Chosen);
            Assert.Equal(pair.Chosen.Replace("result", "answer", StringComparison.Ordinal), pair.Rejected);
            Assert.Contains(pair.Chosen, sftResponses);
            Assert.Contains(pair.Rejected, sftResponses);
        }
    }

    [Fact]
    public void Both_styles_have_the_same_number_of_tokens_so_a_fresh_model_starts_near_ln2()
    {
        var random = new SeededRandom(4);
        foreach (var question in Enumerable.Range(0, 200).Select(_ => DemoTask.Question(random)))
        {
            Assert.Equal(Gpt2Tokenizer.Instance.Encode(question.AnswerStyle).Count, Gpt2Tokenizer.Instance.Encode(question.ResultStyle).Count);
        }
    }

    [Theory]
    [InlineData("What is three plus four?", 7)]
    [InlineData("What is nine minus two?", 7)]
    [InlineData("What comes after nine?", 10)]
    [InlineData("What comes before one?", 0)]
    public void Answers_are_correct_arithmetic(string text, int answer)
    {
        var random = new SeededRandom(0);
        var questions = Enumerable.Range(0, 5000).Select(_ => DemoTask.Question(random)).ToList();

        Assert.Contains(new DemoQuestion(text, answer), questions);
        Assert.All(questions.Where(q => q.Text == text), q => Assert.Equal(answer, q.Answer));
    }

    [Fact]
    public void Writer_produces_alpaca_and_preference_jsonl_byte_identical_per_seed()
    {
        var directory = Path.Combine(Path.GetTempPath(), "forgetless-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = DemoTaskWriter.Write(Path.Combine(directory, "a"), 20, 30, seed: 5);
            var second = DemoTaskWriter.Write(Path.Combine(directory, "b"), 20, 30, seed: 5);

            Assert.Equal(File.ReadAllBytes(first.SftPath), File.ReadAllBytes(second.SftPath));
            Assert.Equal(File.ReadAllBytes(first.PreferencePath), File.ReadAllBytes(second.PreferencePath));
            var sft = File.ReadAllLines(first.SftPath).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var preference = File.ReadAllLines(first.PreferencePath).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(20, sft.Count);
            Assert.Equal(30, preference.Count);
            Assert.Matches(@"^The (answer|result) is \d+\.$", sft[0].GetProperty("output").GetString());
            Assert.Equal("user", preference[0].GetProperty("prompt")[0].GetProperty("role").GetString());
            Assert.Matches(@"^The (answer|result) is \d+\.$", preference[0].GetProperty("chosen").GetString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Written_files_parse_back_into_the_same_examples_through_the_dataset_parser()
    {
        var directory = Path.Combine(Path.GetTempPath(), "forgetless-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = DemoTaskWriter.Write(directory, 25, 35, seed: 9);

            var sft = DatasetParser.ParseFile(files.SftPath);
            var preference = DatasetParser.ParseFile(files.PreferencePath);

            Assert.True(sft.IsAccepted, sft.Report.ToString());
            Assert.True(preference.IsAccepted, preference.Report.ToString());
            Assert.Equal(DemoTask.SftExamples(25, 9), sft.Sft);
            Assert.Equal(DemoTask.PreferenceExamples(35, 9), preference.Preference);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
