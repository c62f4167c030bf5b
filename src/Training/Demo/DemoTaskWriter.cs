using System.Text.Json;
using System.Text.Json.Nodes;
using Forgetless.Training.Datasets;

namespace Forgetless.Training.Demo;

/// <summary>
/// Writes the demo task as ordinary upload files, so it goes through the same parsers as user data:
/// Alpaca JSONL (<c>instruction</c>, <c>input</c>, <c>output</c>) and preference JSONL (<c>prompt</c> as a message
/// list, <c>chosen</c>, <c>rejected</c>). The same seed writes byte-identical files.
/// </summary>
public static class DemoTaskWriter
{
    public const string SftFileName = "demo-sft.jsonl";
    public const string PreferenceFileName = "demo-preference.jsonl";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static DemoFiles Write(string directory, int sftCount = 600, int preferenceCount = 600, ulong seed = 0)
    {
        Directory.CreateDirectory(directory);
        var files = new DemoFiles(Path.Combine(directory, SftFileName), Path.Combine(directory, PreferenceFileName));
        File.WriteAllLines(files.SftPath, DemoTask.SftExamples(sftCount, seed).Select(SftLine));
        File.WriteAllLines(files.PreferencePath, DemoTask.PreferenceExamples(preferenceCount, seed).Select(PreferenceLine));
        return files;
    }

    private static string SftLine(SftExample example) => new JsonObject
    {
        ["instruction"] = UserText(example.Prompt),
        ["input"] = "",
        ["output"] = example.Response,
    }.ToJsonString(Options);

    private static string PreferenceLine(PreferenceExample example) => new JsonObject
    {
        ["prompt"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = UserText(example.Prompt) }),
        ["chosen"] = example.Chosen,
        ["rejected"] = example.Rejected,
    }.ToJsonString(Options);

    private static string UserText(Prompt prompt) => prompt.Turns.Single(t => t.Role == "user").Content;
}
