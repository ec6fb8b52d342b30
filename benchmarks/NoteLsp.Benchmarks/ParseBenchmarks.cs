using System.Text;
using BenchmarkDotNet.Attributes;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Benchmarks;

/// <summary>Parsing one note: a typical transcript note (~6 KB) and a 1 MB note made of many transcripts' bodies.</summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private string _typical = "";
    private string _typicalPath = "";
    private string _large = "";

    [GlobalSetup]
    public void Setup()
    {
        var (root, truth) = BenchmarkVaults.Get(1000);
        // The completion probe's note is an ordinary transcript note the generator picked.
        _typicalPath = truth.Completion.Path;
        _typical = File.ReadAllText(Path.Combine(root, _typicalPath));

        _large = OneMegabyteNote(root, _typical);
    }

    /// <summary>One front matter, then the bodies of other notes until the text passes 1 MiB: every kind of element, at scale.</summary>
    internal static string OneMegabyteNote(string root, string first)
    {
        var large = new StringBuilder(first);
        foreach (var file in Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (large.Length >= 1 << 20) break;
            var text = File.ReadAllText(file);
            var body = text.StartsWith("---", StringComparison.Ordinal) && text.IndexOf("\n---", 3, StringComparison.Ordinal) is var end and > 0
                ? text[(end + 4)..]
                : text;
            large.Append('\n').Append(body);
        }
        return large.ToString();
    }

    [Benchmark(Description = "parse a typical note (~6 KB)")]
    public ParsedNote ParseTypicalNote() => NoteParser.Parse(_typicalPath, _typical);

    [Benchmark(Description = "parse a 1 MB note")]
    public ParsedNote ParseOneMegabyteNote() => NoteParser.Parse("large.md", _large);
}
