namespace Forgetless.Training.Demo;

/// <summary>Where <see cref="DemoTaskWriter"/> wrote the demo task's two datasets.</summary>
public sealed record DemoFiles(string SftPath, string PreferencePath);
