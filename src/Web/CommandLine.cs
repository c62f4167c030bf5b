using Forgetless.Training.Running.Experiments;

namespace Forgetless.Web;

/// <summary>The headless verbs of <c>./forgetless</c>; anything else starts the web app.</summary>
public static class CommandLine
{
    public const string DefaultUrls = "http://127.0.0.1:5000";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["--data-dir"] = "Forgetless:DataDir",
        ["--store"] = "Forgetless:Store",
        ["--name"] = "Training:WorkerName",
        ["--device"] = "Training:Device",
        ["--runs"] = "Training:RunsPerDevice",
    };

    /// <summary>Runs a headless verb and returns its exit code, or null when the arguments ask for the server.</summary>
    public static Task<int?> TryRunAsync(string[] args) => args.FirstOrDefault() switch
    {
        "experiment" => Task.Run<int?>(() => ExperimentCommand.Run(args[1..], Console.Error)),
        "worker" => WorkerCommand.RunAsync(args[1..]),
        "user" => RunUserAsync(args[1..]),
        "healthcheck" => HealthProbeAsync(args.ElementAtOrDefault(1) ?? "http://127.0.0.1:8080/health"),
        "import-llama2c" => Task.FromResult<int?>(ModelVerbs.ImportLlama2c(args[1..])),
        "generate" => Task.FromResult<int?>(ModelVerbs.Generate(args[1..])),
        _ => Task.FromResult<int?>(null),
    };

    private static async Task<int?> RunUserAsync(string[] args) => await UserCommand.RunAsync(args, Console.Out, Console.Error);

    /// <summary>
    /// Exit 0 when <paramref name="url"/> answers 2xx within 5 s: the Docker HEALTHCHECK (the runtime image has no curl).
    /// </summary>
    private static async Task<int?> HealthProbeAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return (await http.GetAsync(url)).IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }

    /// <summary>
    /// The arguments for the web host. After the "serve" verb, <c>--data-dir DIR</c> becomes the <c>Forgetless:DataDir</c>
    /// setting, <c>--store CONNECTION</c> <c>Forgetless:Store</c>, <c>--no-worker</c> <c>Training:ClaimRuns=false</c>, and
    /// <c>--urls</c> defaults to <see cref="DefaultUrls"/>.
    /// </summary>
    public static string[] ServeArguments(string[] args)
    {
        if (args.FirstOrDefault() != "serve")
        {
            return args;
        }

        var result = HostArguments(args[1..]);
        if (!result.Any(a => a.StartsWith("--urls", StringComparison.Ordinal)))
        {
            result.Add($"--urls={DefaultUrls}");
        }

        return [.. result];
    }

    /// <summary>
    /// Host settings from the verbs' options: <c>--data-dir</c>, <c>--store</c>, <c>--no-worker</c>, and the worker's
    /// <c>--name</c>, <c>--device</c>, <c>--runs</c>; anything else passes through as a setting.
    /// </summary>
    public static List<string> HostArguments(string[] args)
    {
        var result = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value, consumed) = Split(args, i);
            i += consumed;
            result.Add(name switch
            {
                "--no-worker" => "--Training:ClaimRuns=false",
                _ when Settings.TryGetValue(name, out var setting) => $"--{setting}={value}",
                _ => value is null ? name : $"{name}={value}",
            });
        }

        return result;
    }

    // "--name value" and "--name=value" both work; returns how many extra arguments were consumed.
    private static (string Name, string? Value, int Consumed) Split(string[] args, int i)
    {
        var arg = args[i];
        var equals = arg.IndexOf('=');
        if (equals > 0) return (arg[..equals], arg[(equals + 1)..], 0);
        if (arg.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            return (arg, args[i + 1], 1);
        }

        return (arg, null, 0);
    }
}
