using BenchmarkDotNet.Attributes;
using NoteLsp.Core.Config;
using NoteLsp.Core.Features;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Benchmarks;

/// <summary>
/// Completion on the generated vault (NOTELSP_BENCH_NOTES notes, default 10,000) at the ground truth's probe: `[[`
/// bare and with a typed prefix, and `[text](` path completion bare, with a prefix of the expected note's path, and
/// with letters that only match in order (the scan tier).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CompletionBenchmarks
{
    private static readonly int Notes = BenchmarkVaults.DefaultNotes;

    private VaultSnapshot _snapshot = VaultSnapshot.Empty;
    private ParsedNote _probe = null!;
    private string _bareLine = "";
    private TextPosition _barePosition;
    private string _typedLine = "";
    private TextPosition _typedPosition;
    private string _pathPrefix = "";
    private string _pathSubsequence = "";

    [GlobalSetup]
    public void Setup()
    {
        var (root, truth) = BenchmarkVaults.Get(Notes);
        _snapshot = VaultScanner.Scan(root, NoteLspConfig.Default).Snapshot;
        var probe = truth.Completion;
        _probe = _snapshot.GetNote(probe.Path)!;
        _bareLine = File.ReadAllText(Path.Combine(root, probe.Path)).ReplaceLineEndings("\n").Split('\n')[probe.Line];
        _barePosition = new TextPosition(probe.Line, probe.Character);
        var typed = probe.ExpectedStem[..Math.Max(3, probe.ExpectedStem.Length / 2)];
        _typedLine = _bareLine.Insert(probe.Character, typed);
        _typedPosition = new TextPosition(probe.Line, probe.Character + typed.Length);
        _pathPrefix = probe.ExpectedStem[..3];
        // Every other letter of the stem: matches neither a prefix nor a word start, so every path is scored.
        _pathSubsequence = new string(probe.ExpectedStem.Where(char.IsLetter).Where((_, i) => i % 2 == 0).Take(5).ToArray());
        if (CompletePath(_pathPrefix) == 0) throw new InvalidOperationException($"path completion of {_pathPrefix} offers nothing");
    }

    [Benchmark(Description = "bare `[[` completion")]
    public int WikiBare() => NoteCompletion.Complete(_snapshot, _probe, _probe.Path, _bareLine, _barePosition).Items.Count;

    [Benchmark(Description = "`[[` + typed prefix completion")]
    public int WikiTyped() => NoteCompletion.Complete(_snapshot, _probe, _probe.Path, _typedLine, _typedPosition).Items.Count;

    [Benchmark(Description = "bare `[text](` path completion")]
    public int PathBare() => CompletePath("");

    [Benchmark(Description = "`[text](` + 3-letter prefix path completion")]
    public int PathPrefix() => CompletePath(_pathPrefix);

    [Benchmark(Description = "`[text](` + letters in order path completion")]
    public int PathSubsequence() => CompletePath(_pathSubsequence);

    private int CompletePath(string typed)
    {
        var line = "see [x](" + typed;
        return NoteCompletion.Complete(_snapshot, _probe, _probe.Path, line, new TextPosition(0, line.Length)).Items.Count;
    }
}
