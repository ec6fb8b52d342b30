using BenchmarkDotNet.Attributes;
using NoteLsp.Core.Config;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Features;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Benchmarks;

/// <summary>
/// The index and the per-keystroke work on a generated 10,000-note vault (~62 MB): building the index, one edit
/// (parse, new snapshot, the notes it affects and their diagnostics), completion and references.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class VaultBenchmarks
{
    private const int Notes = 10_000;

    private VaultSnapshot _snapshot = VaultSnapshot.Empty;
    private List<ParsedNote> _notes = [];
    private ParsedNote _probeNote = null!;
    private string _editedProbeText = "";
    private ParsedNote _mostLinked = null!;
    private string _editedMostLinkedText = "";
    private string _typedLine = "";
    private TextPosition _typedPosition;
    private ParsedNote _linkingNote = null!;
    private TextPosition _onLinkToMostLinked;
    private string _bareLine = "";
    private TextPosition _barePosition;

    [GlobalSetup]
    public void Setup()
    {
        var (root, truth) = BenchmarkVaults.Get(Notes);
        _snapshot = VaultScanner.Scan(root, NoteLspConfig.Default).Snapshot;
        if (_snapshot.Count != truth.NoteCount) throw new InvalidOperationException($"scanned {_snapshot.Count} notes, the ground truth has {truth.NoteCount}");
        _notes = _snapshot.Notes.ToList();

        var probe = truth.Completion;
        _probeNote = _snapshot.GetNote(probe.Path)!;
        var probeText = File.ReadAllText(Path.Combine(root, probe.Path));
        // The edit a user makes: a new line with a link to a note that does not exist.
        _editedProbeText = probeText + "\n[[a_note_not_written_yet]]\n";
        _mostLinked = _snapshot.GetNote(truth.MostLinkedPath)!;
        _editedMostLinkedText = File.ReadAllText(Path.Combine(root, truth.MostLinkedPath)) + "\n[[a_note_not_written_yet]]\n";

        // The rename an editor sends from a [[stem]] link to the hub note: a file rename rewriting every backlink.
        var link = _snapshot.LinksTo(truth.MostLinkedPath).First(r => r.Source.Path != truth.MostLinkedPath && r.WikiLink is not null);
        _linkingNote = link.Source;
        var start = link.WikiLink!.Value.Range.Start;
        _onLinkToMostLinked = new TextPosition(start.Line, start.Character + 2);

        _bareLine = probeText.ReplaceLineEndings("\n").Split('\n')[probe.Line];
        _barePosition = new TextPosition(probe.Line, probe.Character);
        var typed = probe.ExpectedStem[..Math.Max(3, probe.ExpectedStem.Length / 2)];
        _typedLine = _bareLine.Insert(probe.Character, typed);
        _typedPosition = new TextPosition(probe.Line, probe.Character + typed.Length);

        // The answers must be right, or the times mean nothing.
        var offered = NoteCompletion.Complete(_snapshot, _probeNote, probe.Path, _typedLine, _typedPosition).Items.Any(i => i.Detail == probe.ExpectedPath);
        if (!offered) throw new InvalidOperationException($"completion of {typed} does not offer {probe.ExpectedPath}");
        var backlinks = NoteReferences.ToNote(_snapshot, _mostLinked, null, includeDeclaration: false).Count(r => r.Path != _mostLinked.Path);
        if (backlinks != truth.MostLinkedBacklinks) throw new InvalidOperationException($"{backlinks} references, the ground truth has {truth.MostLinkedBacklinks}");
    }

    [Benchmark(Description = "build the index of 10,000 parsed notes")]
    public VaultSnapshot BuildIndex() => VaultSnapshot.Build(_notes);

    [Benchmark(Description = "edit a typical note: parse, new snapshot, diagnostics of it and the notes it affects")]
    public int EditTypicalNote() => ApplyEdit(_probeNote, _editedProbeText);

    [Benchmark(Description = "edit the most-linked note: parse, new snapshot, diagnostics of it and the notes it affects")]
    public int EditMostLinkedNote() => ApplyEdit(_mostLinked, _editedMostLinkedText);

    [Benchmark(Description = "`[[` + typed prefix completion")]
    public int CompleteTypedPrefix() => NoteCompletion.Complete(_snapshot, _probeNote, _probeNote.Path, _typedLine, _typedPosition).Items.Count;

    [Benchmark(Description = "bare `[[` completion")]
    public int CompleteBare() => NoteCompletion.Complete(_snapshot, _probeNote, _probeNote.Path, _bareLine, _barePosition).Items.Count;

    [Benchmark(Description = "references to the most-linked note")]
    public int ReferencesToMostLinked() => NoteReferences.ToNote(_snapshot, _mostLinked, null, includeDeclaration: false).Count;

    [Benchmark(Description = "rename the most-linked note from a link to it")]
    public int RenameMostLinked() => NoteRename.Plan(_snapshot, _linkingNote, _onLinkToMostLinked, "renamed_hub_note").Edits.Count;

    /// <summary>What the server does for a didChange: parse, swap the note in, then diagnostics of the note and of every note whose links it may make or break.</summary>
    private int ApplyEdit(ParsedNote before, string editedText)
    {
        var after = NoteParser.Parse(before.Path, editedText);
        var snapshot = _snapshot.WithNote(after);
        var diagnostics = NoteDiagnostics.Compute(snapshot, after, DiagnosticOptions.Default).Length;
        foreach (var path in snapshot.NotesAffectedBy(before, after))
        {
            diagnostics += NoteDiagnostics.Compute(snapshot, snapshot.GetNote(path)!, DiagnosticOptions.Default).Length;
        }
        return diagnostics;
    }
}
