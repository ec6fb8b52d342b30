using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Index;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Core.Tests;

/// <summary>Diagnostics follow the whole vault (docs/notes-format.md §7): updates to one note make or break links in others.</summary>
public class SnapshotTests
{
    private static DiagnosticCode[] Codes(TestVault vault, string path) => vault.Diagnostics(path).Select(d => d.Code).ToArray();

    [Fact]
    public void Creating_a_note_fixes_a_broken_link_elsewhere()
    {
        var before = TestVault.Of(("a.md", "See [[Project Plan]] and [p](plans/b.md).\n"));
        Assert.Equal([DiagnosticCode.LinkBroken, DiagnosticCode.LinkBroken], Codes(before, "a.md"));

        var after = before.With("project_plan.md", "# Plan\n").With("plans/b.md", "");

        Assert.Empty(after.Diagnostics("a.md"));
        Assert.Equal("project_plan.md", after.Snapshot.Resolve(after.Note("a.md"), after.Note("a.md").WikiLinks[0]).Target?.Path);
    }

    [Fact]
    public void A_second_note_with_the_same_name_makes_links_ambiguous_and_removing_it_settles_them()
    {
        var vault = TestVault.Of(("a.md", "[[x]]"), ("one/x.md", ""));
        Assert.Empty(vault.Diagnostics("a.md"));

        var twice = vault.With("two/x.md", "");
        var diagnostic = Assert.Single(twice.Diagnostics("a.md"));
        Assert.Equal(DiagnosticCode.LinkAmbiguous, diagnostic.Code);
        Assert.Contains("one/x.md, two/x.md", diagnostic.Message);

        Assert.Empty(twice.Without("one/x.md").Diagnostics("a.md"));
    }

    [Fact]
    public void Deleting_a_note_breaks_the_links_to_it()
    {
        var vault = TestVault.Of(("a.md", "[[b]] [[b#Part]] [b](b.md)"), ("b.md", "## Part\n"));
        Assert.Empty(vault.Diagnostics("a.md"));

        var deleted = vault.Without("b.md");

        Assert.Equal([DiagnosticCode.LinkBroken, DiagnosticCode.LinkBroken, DiagnosticCode.LinkBroken], Codes(deleted, "a.md"));
        Assert.Null(deleted.Snapshot.GetNote("b.md"));
        Assert.Equal(1, deleted.Snapshot.Count);
    }

    [Fact]
    public void Retitling_moves_title_matches()
    {
        var vault = TestVault.Of(
            ("a.md", "[[Old Name]]"),
            ("b.md", "[[New Name]]"),
            ("note.md", "---\ntitle: Old Name\n---\n"));
        Assert.Empty(vault.Diagnostics("a.md"));
        Assert.Single(vault.Diagnostics("b.md"));

        var retitled = vault.With("note.md", "---\ntitle: New Name\n---\n");

        Assert.Equal([DiagnosticCode.LinkBroken], Codes(retitled, "a.md"));
        Assert.Empty(retitled.Diagnostics("b.md"));
    }

    [Fact]
    public void Changing_headings_changes_fragment_status_of_links_to_them()
    {
        var vault = TestVault.Of(("a.md", "[[b#Setup]]"), ("b.md", "## Setup\n"));
        Assert.Empty(vault.Diagnostics("a.md"));

        var changed = vault.With("b.md", "## Installation\n");

        Assert.Equal([DiagnosticCode.HeadingBroken], Codes(changed, "a.md"));
        Assert.Equal(["a.md"], changed.Snapshot.NotesAffectedBy(vault.Note("b.md"), changed.Note("b.md")));
    }

    [Fact]
    public void Updates_leave_the_older_snapshot_unchanged()
    {
        var vault = TestVault.Of(("a.md", "[[b]]"));
        var older = vault.Snapshot;

        var newer = vault.With("b.md", "").Snapshot;

        Assert.Equal(1, older.Count);
        Assert.Null(older.GetNote("b.md"));
        Assert.Equal(TargetStatus.Broken, older.Resolve(older.GetNote("a.md")!, older.GetNote("a.md")!.WikiLinks[0]).Status);
        Assert.Equal(2, newer.Count);
    }

    [Fact]
    public void With_note_replaces_the_note_with_the_same_path()
    {
        var vault = TestVault.Of(("a.md", "# One\n"), ("b.md", ""));

        var changed = vault.With("a.md", "# Two\n");

        Assert.Equal(2, changed.Snapshot.Count);
        Assert.Equal("Two", changed.Note("a.md").Title);
        Assert.Empty(changed.Snapshot.NotesWithKey("one"));
        Assert.Equal(["a.md"], changed.Snapshot.NotesWithKey("two").Select(n => n.Path));
        Assert.Same(changed.Snapshot, changed.Snapshot.WithoutNote("missing.md"));
    }

    [Fact]
    public void Build_keeps_the_last_note_for_a_path_and_lists_notes_in_path_order()
    {
        var snapshot = VaultSnapshot.Build([
            NoteParser.Parse("b.md", "# First\n"),
            NoteParser.Parse("a.md", ""),
            NoteParser.Parse("b.md", "# Second\n"),
        ]);

        Assert.Equal(["a.md", "b.md"], snapshot.Notes.Select(n => n.Path));
        Assert.Equal("Second", snapshot.GetNote("b.md")!.Title);
        Assert.Empty(snapshot.NotesWithKey("first"));
        Assert.Equal(0, VaultSnapshot.Empty.Count);
    }

    [Fact]
    public void Notes_affected_by_are_exactly_the_notes_using_an_old_or_new_name_or_the_path()
    {
        var vault = TestVault.Of(
            ("by-stem.md", "[[target]]"),
            ("by-old-title.md", "[[Old Title]]"),
            ("by-new-title.md", "[[New Title]]"),
            ("by-alias.md", "[[nick]]"),
            ("by-new-alias.md", "[[handle]]"),
            ("by-path.md", "[[folder/target]]"),
            ("by-markdown.md", "[t](folder/target.md#x)"),
            ("by-markdown-no-extension.md", "[t](../folder/target)"),
            ("unrelated.md", "[[other]] [[folder/other]] [o](other.md)"),
            ("other.md", "[[#Heading]]"),
            ("folder/target.md", "---\ntitle: Old Title\naliases: [Nick]\n---\n[[target]]"));
        var before = vault.Note("folder/target.md");
        var after = NoteParser.Parse("folder/target.md", "---\ntitle: New Title\naliases: [handle]\n---\n");

        var affected = vault.Snapshot.NotesAffectedBy(before, after);

        Assert.Equal(
            ["by-alias.md", "by-markdown.md", "by-new-alias.md", "by-new-title.md", "by-old-title.md", "by-path.md", "by-stem.md"],
            affected.Order(StringComparer.Ordinal));
        // A note linking from a subfolder with "../folder/target" is affected too.
        var nested = vault.With("sub/by-markdown-no-extension.md", "[t](../folder/target)");
        Assert.Contains("sub/by-markdown-no-extension.md", nested.Snapshot.NotesAffectedBy(before, after));
        // Creating another "target" elsewhere: the notes linking by that name, and the notes linking to the other "target"
        // in any way (an ambiguous link's suggested "folder/target" depends on every note with that stem).
        Assert.Equal(["by-alias.md", "by-markdown.md", "by-old-title.md", "by-path.md", "by-stem.md", "folder/target.md"],
            vault.Snapshot.NotesAffectedBy(null, NoteParser.Parse("x/target.md", "")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Links_to_lists_every_link_that_resolves_to_the_note_in_path_then_position_order()
    {
        var vault = TestVault.Of(
            ("z.md", "[[target]]\n"),
            ("a.md", "[t](target.md) then [[Target Title|label]]\nand [[target#Part]] and [[elsewhere]]\n"),
            ("m.md", "[[target]] [[other]]"),
            ("other.md", ""),
            ("target.md", "---\ntitle: Target Title\n---\n## Part\n\n[[#Part]] [[other]]\n"));

        var links = vault.Snapshot.LinksTo("target.md");

        Assert.Equal(
            ["a.md 0:0", "a.md 0:20", "a.md 1:4", "m.md 0:0", "target.md 5:0", "z.md 0:0"],
            links.Select(l => $"{l.Source.Path} {(l.WikiLink?.Range ?? l.MarkdownLink!.Range).Start}"));
        Assert.Equal(5, vault.Snapshot.BacklinkCount("target.md"));
        Assert.Equal(2, vault.Snapshot.BacklinkCount("other.md"));
        Assert.Empty(vault.Snapshot.LinksTo("missing.md"));
    }

    [Fact]
    public void Links_to_leaves_out_ambiguous_links()
    {
        var vault = TestVault.Of(("a.md", "[[x]] [[one/x]]"), ("one/x.md", ""), ("two/x.md", ""));

        var links = vault.Snapshot.LinksTo("one/x.md");

        var link = Assert.Single(links);
        Assert.Equal("one/x", link.WikiLink?.Target);
        Assert.Equal(0, vault.Snapshot.BacklinkCount("two/x.md"));
    }

    [Fact]
    public void Typing_prose_in_a_linked_note_affects_no_other_note_but_changing_a_heading_does()
    {
        var vault = TestVault.Of(
            ("hub.md", "# Hub\n\nSome prose.\n\n## Part\n"),
            ("a.md", "[[hub]]\n"),
            ("b.md", "[[hub#Part]]\n"));
        var before = vault.Note("hub.md");

        var prose = vault.With("hub.md", "# Hub\n\nSome more prose with [[a]].\n\n## Part\n");
        Assert.Empty(prose.Snapshot.NotesAffectedBy(before, prose.Note("hub.md")));

        var heading = vault.With("hub.md", "# Hub\n\nSome prose.\n\n## Section\n");
        Assert.Equal(["a.md", "b.md"], heading.Snapshot.NotesAffectedBy(before, heading.Note("hub.md")));

        var retitled = vault.With("hub.md", "# Hub of everything\n\nSome prose.\n\n## Part\n");
        Assert.Equal(["a.md", "b.md"], retitled.Snapshot.NotesAffectedBy(before, retitled.Note("hub.md")));
    }
}
