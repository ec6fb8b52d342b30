using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Features;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

/// <summary>NoteCodeActions on the in-memory vault: the quick fixes offered for a diagnostic and the edit each one makes.</summary>
public class NoteCodeActionsTests
{
    private static readonly TestVault Vault = TestVault.Of(
        ("alpha.md", "---\ntitle: Alpha\n---\n# Intro\n\n## Details\n"),
        ("people/ada.md", "# Ada\n"),
        ("work/ada.md", "# Work Ada\n"),
        ("folder/source.md", """
            Broken: [[New Idea]]
            Typo: [[alph]]
            Ambiguous: [[ada]]
            Heading: [[alpha#Detials]]
            Markdown: [x](missing.md)
            Fine: [[alpha]]
            """),
        ("video.md", "---\nvideoId: abcdefghijk\n---\nAt [1:00](#01:02).\n"));

    private static IReadOnlyList<NoteCodeAction> Fixes(string path, string find) =>
        NoteCodeActions.For(Vault.Snapshot, Vault.Note(path), Vault.Range(path, find), DiagnosticOptions.Default);

    private static string Edits(NoteCodeAction action) =>
        string.Join("; ", action.Edits.Select(e => $"{e.Range.Start.Line}:{e.Range.Start.Character}-{e.Range.End.Line}:{e.Range.End.Character} {e.NewText}"));

    [Fact]
    public void A_link_to_a_missing_note_offers_to_create_it_beside_the_linking_note_with_its_name_as_title()
    {
        var create = Assert.Single(Fixes("folder/source.md", "[[New Idea]]"), a => a.CreateNote is not null);

        Assert.Equal("Create note folder/new_idea.md (fixes 1 link)", create.Title);
        Assert.Equal(new NewNote("folder/new_idea.md", "---\ntitle: New Idea\n---\n"), create.CreateNote);
        Assert.Empty(create.Edits);
        Assert.True(create.IsPreferred);
        Assert.Equal(DiagnosticCode.LinkBroken, create.Diagnostic.Code);
    }

    [Fact]
    public void A_misspelled_link_offers_the_closest_name_replacing_only_the_target()
    {
        var change = Assert.Single(Fixes("folder/source.md", "[[alph]]"), a => a.Title.StartsWith("Change link", StringComparison.Ordinal));

        Assert.Equal("Change link to \"alpha\"", change.Title);
        Assert.Equal(Vault.Range("folder/source.md", "[[alph]]", "alph"), Assert.Single(change.Edits).Range);
        Assert.Equal("alpha", change.Edits[0].NewText);
        Assert.False(change.IsPreferred);
    }

    [Fact]
    public void An_ambiguous_link_offers_each_candidate_by_its_path()
    {
        var fixes = Fixes("folder/source.md", "[[ada]]");

        Assert.Equal(["Link to people/ada.md", "Link to work/ada.md"], fixes.Select(f => f.Title).Order(StringComparer.Ordinal));
        var target = Vault.Range("folder/source.md", "[[ada]]", "ada");
        Assert.All(fixes, f => Assert.Equal(target, Assert.Single(f.Edits).Range));
        Assert.Equal(["people/ada", "work/ada"], fixes.Select(f => f.Edits[0].NewText).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_broken_heading_offers_the_closest_heading_of_the_target_first_and_preferred()
    {
        var first = Fixes("folder/source.md", "[[alpha#Detials]]")[0];

        Assert.Equal("Change to heading \"Details\"", first.Title);
        Assert.Equal(Vault.Range("folder/source.md", "[[alpha#Detials]]", "Detials"), Assert.Single(first.Edits).Range);
        Assert.Equal("Details", first.Edits[0].NewText);
        Assert.True(first.IsPreferred);
    }

    [Fact]
    public void A_broken_markdown_link_offers_to_create_the_note_at_the_path_it_names()
    {
        var create = Assert.Single(Fixes("folder/source.md", "[x](missing.md)"), a => a.CreateNote is not null);

        Assert.Equal(new NewNote("folder/missing.md", "---\ntitle: missing\n---\n"), create.CreateNote);
    }

    [Fact]
    public void A_timestamp_whose_text_disagrees_with_its_target_gets_the_targets_time_as_text()
    {
        var fix = Assert.Single(Fixes("video.md", "[1:00](#01:02)"));

        Assert.Equal("Set the timestamp's text to 01:02", fix.Title);
        Assert.Equal(Vault.Range("video.md", "[1:00](#01:02)", "1:00"), Assert.Single(fix.Edits).Range);
        Assert.Equal("01:02", fix.Edits[0].NewText);
        Assert.True(fix.IsPreferred);
    }

    [Fact]
    public void Only_diagnostics_touching_the_range_get_fixes()
    {
        Assert.Empty(Fixes("folder/source.md", "[[alpha]]"));
    }

    [Fact]
    public void A_range_over_the_whole_note_gets_the_fixes_of_every_diagnostic()
    {
        var note = Vault.Note("folder/source.md");
        var fixes = NoteCodeActions.For(Vault.Snapshot, note, new TextRange(new TextPosition(0, 0), note.End), DiagnosticOptions.Default);

        Assert.Equal([DiagnosticCode.LinkBroken, DiagnosticCode.LinkAmbiguous, DiagnosticCode.HeadingBroken],
            fixes.Select(f => f.Diagnostic.Code).Distinct().Order());
    }
}
