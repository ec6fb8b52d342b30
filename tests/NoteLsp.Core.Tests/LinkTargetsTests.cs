using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Features;
using NoteLsp.Core.Index;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

/// <summary>One policy for the target a written wikilink names a note with, shared by completion and quick fixes.</summary>
public class LinkTargetsTests
{
    private static readonly TestVault Vault = TestVault.Of(
        ("x/a/same.md", "# Deep same\n"),
        ("b/same.md", "# Shallow same\n"),
        ("unique.md", "# Unique\n"),
        ("source.md", "[[same]]\n"));

    [Fact]
    public void A_unique_stem_is_the_target_and_a_shared_one_gets_the_fewest_folders_that_tell_the_notes_apart()
    {
        Assert.Equal("unique", LinkTargets.WikiTarget(Vault.Snapshot, Vault.Note("unique.md")));
        Assert.Equal("a/same", LinkTargets.WikiTarget(Vault.Snapshot, Vault.Note("x/a/same.md")));
        Assert.Equal("b/same", LinkTargets.WikiTarget(Vault.Snapshot, Vault.Note("b/same.md")));
    }

    [Fact]
    public void Completion_and_the_ambiguous_link_fix_write_the_same_targets()
    {
        var completed = NoteCompletion.Complete(Vault.Snapshot, Vault.Note("source.md"), "source.md", "[[same", new TextPosition(1, 6)).Items
            .Select(i => i.NewText).Order(StringComparer.Ordinal);
        var fixes = NoteCodeActions.For(Vault.Snapshot, Vault.Note("source.md"), Vault.Range("source.md", "[[same]]"), DiagnosticOptions.Default)
            .Select(a => a.Edits.Single().NewText).Order(StringComparer.Ordinal);

        Assert.Equal(["a/same]]", "b/same]]"], completed);
        Assert.Equal(["a/same", "b/same"], fixes);
    }
}
