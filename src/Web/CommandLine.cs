using Forgetless.Training.Running.Experiments;

namespace Forgetless.Web;

/// <summary>The headless verbs of <c>./forgetless</c>; anything else starts the web app.</summary>
public static class CommandLine
{
    /// <summary>Runs a headless verb and returns its exit code, or null when the arguments ask for the server.</summary>
    public static Task<int?> TryRunAsync(string[] args) => args.FirstOrDefault() switch
    {
        "experiment" => Task.Run<int?>(() => ExperimentCommand.Run(args[1..], Console.Error)),
        "import-llama2c" => Task.FromResult<int?>(ModelVerbs.ImportLlama2c(args[1..])),
        "generate" => Task.FromResult<int?>(ModelVerbs.Generate(args[1..])),
        _ => Task.FromResult<int?>(null),
    };

    /// <summary>The arguments for the web host: everything after the optional "serve" verb.</summary>
    public static string[] ServeArguments(string[] args) =>
        args.FirstOrDefault() == "serve" ? args[1..] : args;
}
