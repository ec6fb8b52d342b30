using BenchmarkDotNet.Attributes;
using NoteLsp.Core.Config;
using NoteLsp.Core.Features;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Benchmarks;

/// <summary>
/// The structure requests an editor sends after each edit, on the 1 MB note of <see cref="ParseBenchmarks"/> inside the
/// 1,000-note vault (its links resolve against real notes): semantic tokens, folding ranges, one selection range.
/// </summary>
[MemoryDiagnoser]
public class StructureBenchmarks
{
    private VaultSnapshot _snapshot = VaultSnapshot.Empty;
    private ParsedNote _note = null!;
    private string _text = "";
    private LineMap _lines = null!;
    private TextPosition _middle;

    [GlobalSetup]
    public void Setup()
    {
        var (root, truth) = BenchmarkVaults.Get(1000);
        _text = LargeNote.Build(root, File.ReadAllText(Path.Combine(root, truth.Completion.Path)));
        _note = NoteParser.Parse("large.md", _text);
        _snapshot = VaultScanner.Scan(root, NoteLspConfig.Default).Snapshot.WithNote(_note);
        _lines = LineMap.Build(_text);
        _middle = _note.WikiLinks[_note.WikiLinks.Length / 2].TargetRange.Start;
        // Refuse to measure an answer that is wrong in an obvious way.
        if (Tokens().Count < _note.WikiLinks.Length) throw new InvalidOperationException("fewer tokens than wikilinks");
        if (Folds().Count < _note.Headings.Length) throw new InvalidOperationException("fewer folds than headings");
        if (Selection()[0].Count < 4) throw new InvalidOperationException("a link's selection has fewer than four ranges");
    }

    [Benchmark(Description = "semantic tokens of a 1 MB note")]
    public IReadOnlyList<NoteToken> Tokens() => NoteSemanticTokens.Compute(_snapshot, _note, _text, _lines);

    [Benchmark(Description = "folding ranges of a 1 MB note")]
    public IReadOnlyList<NoteFold> Folds() => NoteFolding.Compute(_note, _text);

    [Benchmark(Description = "selection range in a 1 MB note")]
    public IReadOnlyList<IReadOnlyList<TextRange>> Selection() => NoteSelectionRanges.Compute(_note, _text, [_middle]);
}
