using Forgetless.Training.Tensors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Tensors;

public class HeldScalarsTests
{
    [Fact]
    public void No_engine_code_lets_a_temporary_Scalar_reach_libtorch()
    {
        var root = SharedData.RepositoryRoot() ?? throw new InvalidOperationException("repository root (WebApp.sln) not found");
        var temporaryMakers = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Tensors", "TorchSharpTemporaryScalars.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#')).ToHashSet();

        var sites = TemporaryScalarSites(Path.Combine(root, "src", "Training"), temporaryMakers);

        Assert.True(sites.Count == 0, "Hold these Scalars (see HeldScalars):\n" + string.Join("\n", sites));
    }

    [Fact]
    public void The_scan_finds_a_number_passed_to_a_tensor_operator()
    {
        var directory = Directory.CreateTempSubdirectory("forgetless-scan-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "Sample.cs"), """
                using static TorchSharp.torch;
                static class Sample
                {
                    static Tensor Scaled(Tensor x) => x * 0.5;
                    static Tensor Filled(Tensor x, Tensor mask) => x.masked_fill(mask, 0);
                    static Tensor Held(Tensor x) { using var half = TorchSharp.ScalarExtensionMethods.ToScalar(0.5); return x.mul(half); }
                }
                """);

            var sites = TemporaryScalarSites(directory, new HashSet<string> { "TorchSharp.torch.Tensor.operator *(TorchSharp.torch.Tensor, double)" });

            Assert.Equal(["Sample.cs:4", "Sample.cs:5"], sites.Select(s => s[..s.IndexOf(' ')]));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Held_arithmetic_gives_the_operators_numbers()
    {
        using var x = tensor(new[] { -1.5f, 0f, 2f, 3.25f });
        using var y = tensor(new[] { 4f, -2f, 0.5f, 1f });
        using var mask = tensor(new[] { true, false, false, true });

        Assert.True(x.Plus(y).equal(x + y).all().item<bool>());
        Assert.True(x.Plus(0.25).equal(x + 0.25).all().item<bool>());
        Assert.True(x.Times(0.1).equal(x * 0.1).all().item<bool>());
        Assert.True(x.DividedBy(3).equal(x / 3.0).all().item<bool>());
        Assert.True(x.Power(3).equal(x.pow(3)).all().item<bool>());
        Assert.True(x.Square().equal(x.square()).all().item<bool>());
        Assert.True(x.MaskedFill(mask, double.NegativeInfinity).equal(x.masked_fill(mask, float.NegativeInfinity)).all().item<bool>());
        Assert.True(x.AtLeast(0).equal(x >= 0).all().item<bool>());
        Assert.Equal([0L, 2L, 4L], HeldScalars.Range(0, 5, 2, ScalarType.Int64).data<long>().ToArray());
    }

    /// <summary>
    /// "file:line what" for each implicit number-to-Scalar conversion in the C# files under <paramref name="directory"/>
    /// and each call of a TorchSharp member that makes a temporary Scalar itself.
    /// </summary>
    private static List<string> TemporaryScalarSites(string directory, IReadOnlySet<string> temporaryMakers)
    {
        const string implicitUsings = "global using System; global using System.IO; global using System.Linq; global using System.Collections.Generic; global using System.Threading; global using System.Threading.Tasks; global using System.Net.Http;";
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f))
            .Append(CSharpSyntaxTree.ParseText(implicitUsings, options)).ToList();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => !Path.GetFileName(path).StartsWith("Forgetless.", StringComparison.Ordinal)) // the engine is compiled from source here
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("scan", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(3).ToList();
        Assert.True(errors.Count == 0, "the scan needs a compiling engine: " + string.Join("; ", errors)); // else binding misses calls

        var sites = new List<string>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            var operations = tree.GetRoot().DescendantNodes().Select(node => model.GetOperation(node)).Where(op => op is { Parent: null });
            foreach (var operation in operations.SelectMany(op => op!.DescendantsAndSelf()))
            {
                var what = operation switch
                {
                    IConversionOperation { OperatorMethod.ContainingType: { Name: "Scalar", ContainingNamespace.Name: "TorchSharp" } } => "number made into a Scalar",
                    _ when Target(operation) is { } target && temporaryMakers.Contains(target) => "TorchSharp makes a temporary Scalar in " + target,
                    _ => null,
                };
                if (what is null) continue;
                var line = tree.GetLineSpan(operation.Syntax.Span).StartLinePosition.Line + 1;
                sites.Add($"{Path.GetRelativePath(directory, tree.FilePath)}:{line} {what}: {operation.Syntax}");
            }
        }

        return [.. sites.Distinct().Order(StringComparer.Ordinal)];
    }

    private static string? Target(IOperation operation) => (operation switch
    {
        IInvocationOperation invocation => invocation.TargetMethod,
        IBinaryOperation binary => binary.OperatorMethod,
        IUnaryOperation unary => unary.OperatorMethod,
        ICompoundAssignmentOperation compound => compound.OperatorMethod,
        _ => null,
    })?.OriginalDefinition.ToDisplayString();
}
