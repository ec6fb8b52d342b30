using System.Collections.Immutable;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Features;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

/// <summary>
/// An in-memory vault for tests: note texts by path, parsed with the real parser into a snapshot, and helpers that find
/// ranges and positions by searching the text (so tests read like the notes they describe).
/// </summary>
public sealed class TestVault
{
    private TestVault(ImmutableSortedDictionary<string, string> texts, VaultSnapshot snapshot)
    {
        Texts = texts;
        Snapshot = snapshot;
    }

    public ImmutableSortedDictionary<string, string> Texts { get; }

    public VaultSnapshot Snapshot { get; }

    public static TestVault Of(params (string Path, string Text)[] notes)
    {
        var texts = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            notes.Select(n => KeyValuePair.Create(n.Path, n.Text)));
        return new TestVault(texts, VaultSnapshot.Build(texts.Select(kv => NoteParser.Parse(kv.Key, kv.Value))));
    }

    public ParsedNote Note(string path) =>
        Snapshot.GetNote(path) ?? throw new ArgumentException($"no note {path} in the test vault");

    /// <summary>Adds or replaces a note incrementally (WithNote).</summary>
    public TestVault With(string path, string text) =>
        new(Texts.SetItem(path, text), Snapshot.WithNote(NoteParser.Parse(path, text)));

    public TestVault Without(string path) => new(Texts.Remove(path), Snapshot.WithoutNote(path));

    /// <summary>The same notes in a vault that also has these files that are not notes (images, PDFs).</summary>
    public TestVault WithOtherFiles(params string[] paths) => new(Texts, Snapshot.WithOtherFiles(paths));

    /// <summary>The range of the occurrence-th <paramref name="find"/> in the note's text.</summary>
    public TextRange Range(string path, string find, int occurrence = 0) => RangeIn(Texts[path], find, occurrence);

    /// <summary>The range of <paramref name="inner"/> inside the first occurrence of <paramref name="outer"/>: Range("a.md", "[[x]]", "x").</summary>
    public TextRange Range(string path, string outer, string inner)
    {
        var text = Texts[path];
        var outerStart = IndexOf(text, outer, 0);
        var innerStart = text.IndexOf(inner, outerStart, outer.Length, StringComparison.Ordinal);
        if (innerStart < 0) throw new ArgumentException($"\"{inner}\" is not inside \"{outer}\"");
        var map = LineMap.Build(text);
        return map.RangeAt(innerStart, innerStart + inner.Length);
    }

    /// <summary>A position inside the first occurrence of <paramref name="find"/> (offset characters from its start).</summary>
    public TextPosition At(string path, string find, int offset = 1)
    {
        var text = Texts[path];
        return LineMap.Build(text).PositionAt(IndexOf(text, find, 0) + offset);
    }

    public ImmutableArray<NoteDiagnostic> Diagnostics(string path, DiagnosticOptions? options = null) =>
        NoteDiagnostics.Compute(Snapshot, Note(path), options ?? DiagnosticOptions.Default);

    /// <summary>Applies a rename plan the way an editor would: text edits (by old path), then the file rename; re-parses what changed.</summary>
    public TestVault Apply(RenamePlan plan)
    {
        var vault = this;
        foreach (var (path, edits) in plan.Edits)
        {
            vault = vault.With(path, ApplyEdits(Texts[path], edits));
        }
        if (plan.FileRename is { } rename)
        {
            var text = vault.Texts[rename.OldPath];
            vault = vault.Without(rename.OldPath).With(rename.NewPath, text);
        }
        return vault;
    }

    public static string ApplyEdits(string text, IEnumerable<TextReplacement> edits)
    {
        var map = LineMap.Build(text);
        var byOffset = edits
            .Select(e => (Start: map.OffsetAt(text, e.Range.Start), End: map.OffsetAt(text, e.Range.End), e.NewText))
            .OrderByDescending(e => e.Start)
            .ToList();
        for (var i = 1; i < byOffset.Count; i++)
        {
            if (byOffset[i].End > byOffset[i - 1].Start) throw new InvalidOperationException("overlapping edits");
        }
        foreach (var (start, end, newText) in byOffset)
        {
            text = string.Concat(text.AsSpan(0, start), newText, text.AsSpan(end));
        }
        return text;
    }

    /// <summary>Every diagnostic of every note whose code is one of the link codes: what a rename must not leave behind.</summary>
    public IEnumerable<(string Path, NoteDiagnostic Diagnostic)> LinkProblems() =>
        Snapshot.Notes.SelectMany(n => NoteDiagnostics.Compute(Snapshot, n, DiagnosticOptions.Default)
            .Where(d => d.Code is DiagnosticCode.LinkBroken or DiagnosticCode.LinkAmbiguous or DiagnosticCode.HeadingBroken
                or DiagnosticCode.BlockBroken)
            .Select(d => (n.Path, d)));

    public static TextRange RangeIn(string text, string find, int occurrence = 0)
    {
        var start = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            start = IndexOf(text, find, start + 1);
        }
        return LineMap.Build(text).RangeAt(start, start + find.Length);
    }

    private static int IndexOf(string text, string find, int from)
    {
        var index = text.IndexOf(find, from, StringComparison.Ordinal);
        if (index < 0) throw new ArgumentException($"\"{find}\" not found in the note text");
        return index;
    }
}
