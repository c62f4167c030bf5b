using System.Globalization;
using Forgetless.Training.Checkpoints;
using Forgetless.Training.Generation;

namespace Forgetless.Web;

/// <summary>The <c>import-llama2c</c> and <c>generate</c> verbs: argument parsing only; the work is in Training.</summary>
internal static class ModelVerbs
{
    private const string GenerateUsage =
        "usage: ./forgetless generate MODEL_DIR [--prompt TEXT] --max-new-tokens N [--greedy | --temperature T --top-p P --seed S]";

    public static int ImportLlama2c(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: ./forgetless import-llama2c MODEL.bin TOKENIZER.bin OUT_DIR");
            return 2;
        }
        Llama2cImport.Run(args[0], args[1], args[2]);
        Console.Error.WriteLine($"import-llama2c: wrote a Hugging Face Llama folder to {args[2]}");
        return 0;
    }

    public static int Generate(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal)) return Fail("MODEL_DIR is missing");
        var (prompt, maxNewTokens, temperature, topP, seed, greedy) = ("", (int?)null, 1.0, 1.0, 0L, false);
        for (var i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--prompt": prompt = Value(); break;
                case "--max-new-tokens": maxNewTokens = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--temperature": temperature = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--top-p": topP = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = long.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--greedy": greedy = true; break;
                default: return Fail($"unknown option {args[i]}");
            }
        }
        if (maxNewTokens is null) return Fail("--max-new-tokens is required");
        var options = new GenerationOptions { MaxNewTokens = maxNewTokens.Value, Temperature = greedy ? 0 : temperature, TopP = greedy ? 1 : topP, Seed = seed };
        Console.Out.Write(GenerateCommand.Run(args[0], prompt, options));
        Console.Out.WriteLine();
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"generate: {message}\n{GenerateUsage}");
        return 2;
    }
}
