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

        _large = LargeNote.Build(root, _typical);
    }

    [Benchmark(Description = "parse a typical note (~6 KB)")]
    public ParsedNote ParseTypicalNote() => NoteParser.Parse(_typicalPath, _typical);

    [Benchmark(Description = "parse a 1 MB note")]
    public ParsedNote ParseOneMegabyteNote() => NoteParser.Parse("large.md", _large);
}
