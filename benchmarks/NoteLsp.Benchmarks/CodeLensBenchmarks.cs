using BenchmarkDotNet.Attributes;
using NoteLsp.Core.Config;
using NoteLsp.Core.Features;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Benchmarks;

/// <summary>
/// Code lenses of a 1 MB note in the 10,000-note vault: the note is the most-linked note's text followed by other
/// notes' bodies (LargeNote), at the most-linked note's path, so its title lens counts the vault's largest backlink set.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CodeLensBenchmarks
{
    private const int Notes = 10_000;

    private VaultSnapshot _snapshot = VaultSnapshot.Empty;
    private ParsedNote _large = null!;
    private VaultSnapshot _current = VaultSnapshot.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var (root, truth) = BenchmarkVaults.Get(Notes);
        var snapshot = VaultScanner.Scan(root, NoteLspConfig.Default).Snapshot;
        var path = truth.MostLinkedPath;
        _large = NoteParser.Parse(path, LargeNote.Build(root, File.ReadAllText(Path.Combine(root, path))));
        _snapshot = snapshot.WithNote(_large);

        // The answers must be right, or the times mean nothing.
        var lenses = NoteLenses.List(_snapshot, _large, CancellationToken.None);
        var title = NoteLenses.ReferencesOf(_snapshot, _large, lenses[0].Data).Count(r => r.Path != path);
        if (title != truth.MostLinkedBacklinks) throw new InvalidOperationException($"the title lens counts {title} links, the ground truth has {truth.MostLinkedBacklinks}");
        Console.WriteLine($"// {_large.Headings.Length} headings, {lenses.Count} lenses");
    }

    /// <summary>
    /// The links to a note are found once per snapshot (NoteLenses), so each iteration gets a snapshot of its own, as the
    /// first lens request after an edit does: what is measured is that request, not a cache hit.
    /// </summary>
    [IterationSetup]
    public void NewSnapshot() => _current = _snapshot.WithNote(_large with { });

    [Benchmark(Description = "list the code lenses of a 1 MB note")]
    public int List() => NoteLenses.List(_current, _current.GetNote(_large.Path)!, CancellationToken.None).Count;

    [Benchmark(Description = "list and resolve every code lens of a 1 MB note")]
    public int ListAndResolveAll()
    {
        var note = _current.GetNote(_large.Path)!;
        var links = 0;
        foreach (var lens in NoteLenses.List(_current, note, CancellationToken.None))
        {
            links += NoteLenses.ReferencesOf(_current, note, lens.Data).Count;
        }
        return links;
    }
}
