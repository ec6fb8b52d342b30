using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Core.Tests;

/// <summary>docs/notes-format.md §9: what is a footnote reference, what a definition, and what is neither.</summary>
public class FootnoteParsingTests
{
    private static IEnumerable<(string Label, bool IsDefinition, string Source)> Footnotes(string text)
    {
        var note = NoteParser.Parse("note.md", text);
        var lines = text.Split('\n');
        return note.Footnotes.Select(f => (f.Label, f.IsDefinition, lines[f.Range.Start.Line][f.Range.Start.Character..f.Range.End.Character]));
    }

    [Fact]
    public void References_and_both_kinds_of_definition_are_found_with_their_ranges()
    {
        const string text = "Claim[^1] and another[^long-note].\n\n[^1]: Short.\n[^long-note]: A longer note with words.\n> [^q]: in a quote\n";
        Assert.Equal(
        [
            ("1", false, "[^1]"),
            ("long-note", false, "[^long-note]"),
            ("1", true, "[^1]"),
            ("long-note", true, "[^long-note]"),
            ("q", true, "[^q]"),
        ], Footnotes(text));
        var note = NoteParser.Parse("note.md", text);
        Assert.Equal(new Text.TextRange(0, 7, 0, 8), note.Footnotes[0].LabelRange);
        // "[^1]: Short." reads as a link reference definition to CommonMark; it is not a link to a note "Short.".
        Assert.Empty(note.MarkdownLinks);
    }

    [Fact]
    public void Code_blanks_empty_labels_and_a_colon_mid_line_are_not_definitions_or_not_footnotes()
    {
        const string text = "`[^code]` and\n\n```\n[^fenced]: x\n```\n\n[^ spaced] [^] text [^mid]: here <!-- [^hidden] -->\n";
        Assert.Equal([("mid", false, "[^mid]")], Footnotes(text));
    }

    [Fact]
    public void A_reference_without_a_definition_is_footnote_broken_labels_compare_case_insensitively()
    {
        var vault = TestVault.Of(("note.md", "One[^a], two[^B], three[^c].\n\n[^A]: defined\n[^b]: defined too\n"));
        var diagnostic = Assert.Single(NoteDiagnostics.Compute(vault.Snapshot, vault.Note("note.md"), DiagnosticOptions.Default));
        Assert.Equal(DiagnosticCode.FootnoteBroken, diagnostic.Code);
        Assert.Equal("footnote-broken", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(vault.Range("note.md", "[^c]"), diagnostic.Range);
        Assert.Empty(NoteDiagnostics.Compute(vault.Snapshot, vault.Note("note.md"), DiagnosticOptions.Default.With(DiagnosticCode.FootnoteBroken, null)));
    }
}
