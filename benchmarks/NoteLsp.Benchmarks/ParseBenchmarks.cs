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

    [Benchmark(Description = "parse a typical note (~6 KB), closed: lean scanner first")]
    public ParsedNote ParseTypicalClosedNote() => NoteParser.ParseClosed(_typicalPath, _typical);

    [Benchmark(Description = "parse a 1 MB note")]
    public ParsedNote ParseOneMegabyteNote() => NoteParser.Parse("large.md", _large);
}

/// <summary>
/// Parsing every note of the vault from texts in memory (the parse share of a cold scan): Markdig for every note,
/// against the lean scanner first (what VaultScanner does for closed notes). Few iterations: one is seconds long.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class VaultParseBenchmarks
{
    private (string Path, string Text)[] _notes = [];

    [GlobalSetup]
    public void Setup()
    {
        var (root, _) = BenchmarkVaults.Get(BenchmarkVaults.DefaultNotes);
        _notes = [.. Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f)))];
    }

    [Benchmark(Baseline = true, Description = "parse every note with Markdig")]
    public int ParseAllMarkdig()
    {
        var links = 0;
        foreach (var (path, text) in _notes) links += NoteParser.Parse(path, text).WikiLinks.Length;
        return links;
    }

    [Benchmark(Description = "parse every note, lean scanner first")]
    public int ParseAllClosed()
    {
        var links = 0;
        foreach (var (path, text) in _notes) links += NoteParser.ParseClosed(path, text).WikiLinks.Length;
        return links;
    }
}
