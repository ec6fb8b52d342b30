using BenchmarkDotNet.Attributes;
using NoteLsp.Core.Config;
using NoteLsp.Core.Features;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Benchmarks;

/// <summary>Tag completion and tag references on the generated vault (docs/notes-format.md §14), from the tag index.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class TagBenchmarks
{
    [Params(10_000, 100_000)]
    public int Notes;

    private VaultSnapshot _snapshot = VaultSnapshot.Empty;
    private ParsedNote _note = null!;
    private Tag _mostUsed;

    [GlobalSetup]
    public void Setup()
    {
        var (root, _) = BenchmarkVaults.Get(Notes);
        _snapshot = VaultScanner.Scan(root, NoteLspConfig.Default).Snapshot;
        var top = _snapshot.TagsByUse[0];
        _note = _snapshot.NotesWithTag(top.Key).First();
        _mostUsed = _note.TagOccurrences.First(t => Core.Names.TagNames.Key(t.Name) == top.Key);
        // The answers must be right, or the times mean nothing.
        if (NoteTags.References(_snapshot, _mostUsed).Count < top.NoteCount) throw new InvalidOperationException("fewer references than notes carrying the tag");
        if (NoteTags.CompleteInline(_snapshot, _note, "Text #", new TextPosition(0, 6), NoteCompletion.DefaultMaxItems)!.Items.Count == 0)
            throw new InvalidOperationException("no tag offered after #");
    }

    [Benchmark(Description = "bare `#` completion (every tag, most used first)")]
    public int CompleteBareHash() => NoteTags.CompleteInline(_snapshot, _note, "Text #", new TextPosition(0, 6), NoteCompletion.DefaultMaxItems)!.Items.Count;

    [Benchmark(Description = "`#sc` completion")]
    public int CompleteTypedTag() => NoteTags.CompleteInline(_snapshot, _note, "Text #sc", new TextPosition(0, 8), NoteCompletion.DefaultMaxItems)!.Items.Count;

    [Benchmark(Description = "references to the most used tag")]
    public int ReferencesToMostUsedTag() => NoteTags.References(_snapshot, _mostUsed).Count;

    [Benchmark(Description = "the list of tags after one note's tags changed (first completion after the edit)")]
    public int TagListAfterEdit() => _snapshot.WithNote(_note with { TagOccurrences = [] }).TagsByUse.Length;
}
