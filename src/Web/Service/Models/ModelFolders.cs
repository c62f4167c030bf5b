namespace Forgetless.Web.Service.Models;

/// <summary>Small rules about uploaded model folders.</summary>
public static class ModelFolders
{
    /// <summary>The folder holding config.json: the extraction itself, or its single top folder (zips made of a folder).</summary>
    public static string RootOf(string extracted, string zipName)
    {
        if (File.Exists(Path.Combine(extracted, "config.json"))) return extracted;
        var folders = Directory.GetDirectories(extracted).Where(d => Path.GetFileName(d) != "__MACOSX").ToList();
        if (folders.Count == 1 && Directory.GetFiles(extracted).Length == 0 && File.Exists(Path.Combine(folders[0], "config.json"))) return folders[0];
        throw new ModelRejectedException($"{zipName} has no config.json at its top level (or in its single top folder); is it a Hugging Face model folder?");
    }

    /// <summary>A name that fits the column: trimmed, at most 200 characters, never empty.</summary>
    public static string DisplayName(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length == 0 ? "model" : trimmed.Length <= 200 ? trimmed : trimmed[..200];
    }
}
