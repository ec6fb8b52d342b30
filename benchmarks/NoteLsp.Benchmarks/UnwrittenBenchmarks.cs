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
/// Notes not written yet (docs/notes-format.md §12) on the generated 10,000-note vault plus 2,000 transcript-like notes
/// that each link to five of 3,000 concept notes nobody wrote (the seeds' shape): completion, the index rebuilt after
/// an edit changes a link, and the `check --wanted` listing.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class UnwrittenBenchmarks
{
    private static readonly int Notes = BenchmarkVaults.DefaultNotes;
    private const int Transcripts = 2_000;
    private const int Concepts = 3_000;

    private VaultSnapshot _snapshot = VaultSnapshot.Empty;
    private ParsedNote _probe = null!;
    private ParsedNote _probeWithNewLink = null!;
    private string _typedLine = "";

    [GlobalSetup]
    public void Setup()
    {
        var (root, _) = BenchmarkVaults.Get(Notes);
        var snapshot = VaultScanner.Scan(root, NoteLspConfig.Default).Snapshot;
        var random = new Random(1);
        var transcripts = new List<ParsedNote>(Transcripts);
        for (var i = 0; i < Transcripts; i++)
        {
            // Skewed like real concept links: low numbers are linked to far more often.
            var links = Enumerable.Range(0, 5).Select(_ => $"[[concept_topic_{(int)(Concepts * Math.Pow(random.NextDouble(), 3))} | a concept]]");
            transcripts.Add(NoteParser.Parse($"transcripts/t{i}.md", $"---\ntitle: Transcript {i}\n---\n\nSee {string.Join(" and ", links)}.\n"));
        }
        _snapshot = snapshot.WithNotes(transcripts);
        _probe = transcripts[0];
        _probeWithNewLink = NoteParser.Parse(_probe.Path, $"---\ntitle: Transcript 0\n---\n\nSee [[concept_never_linked_before]].\n");
        _typedLine = "More on [[concept_topic_1";

        var offered = Complete().Items.FirstOrDefault(i => i.Kind == CompletionItemKind.Unwritten);
        if (offered?.Label != "concept_topic_1") throw new InvalidOperationException($"completion offers {offered?.Label ?? "no unwritten target"}, not concept_topic_1");
        if (UnwrittenNotes.All(_snapshot).Count < Concepts / 2) throw new InvalidOperationException("too few unwritten targets");
    }

    private NoteCompletionResult Complete() =>
        NoteCompletion.Complete(_snapshot, _probe, _probe.Path, _typedLine, new TextPosition(0, _typedLine.Length));

    [Benchmark(Description = "`[[concept_topic_1` completion (notes and unwritten targets)")]
    public int CompleteUnwritten() => Complete().Items.Count;

    [Benchmark(Description = "unwritten-target index rebuilt after an edit adds a new link target")]
    public int RebuildAfterLinkEdit() => _snapshot.WithNote(_probeWithNewLink).UnwrittenTargets.DistinctKeys.Count();

    [Benchmark(Description = "`check --wanted` listing (every unwritten target with its link counts)")]
    public int ListWanted() => UnwrittenNotes.All(_snapshot).Count;
}
