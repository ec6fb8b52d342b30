using NoteLsp.Core.Features;

namespace NoteLsp.Core.Tests;

public class ReferencesTests
{
    private static readonly TestVault Vault = TestVault.Of(
        ("target.md", """
            ---
            title: The Target
            ---
            # Heading One

            See [[#Part]] here.

            ## Part

            ## Other
            """),
        ("a.md", "[[target]] then [[The Target#Part|p]]\n[t](target.md#part) and [[target#Other]]\n"),
        ("b.md", "Only [[target]] and [[elsewhere]] and [[a]].\n"),
        ("c.md", "Nothing to see.\n"));

    private static string[] Locations(IEnumerable<ReferenceLocation> references) =>
        references.Select(r => $"{r.Path} {r.Range}").ToArray();

    private static string Location(string path, string outer, string? inner = null) =>
        $"{path} {(inner is null ? Vault.Range(path, outer) : Vault.Range(path, outer, inner))}";

    [Fact]
    public void On_a_link_the_references_are_every_link_to_its_target()
    {
        var references = NoteReferences.Find(Vault.Snapshot, Vault.Note("b.md"), Vault.At("b.md", "[[target]]", 3), includeDeclaration: false);

        Assert.Equal(
        [
            Location("a.md", "[[target]]"),
            Location("a.md", "[[The Target#Part|p]]"),
            Location("a.md", "[t](target.md#part)"),
            Location("a.md", "[[target#Other]]"),
            Location("b.md", "[[target]]"),
        ], Locations(references));
    }

    [Fact]
    public void Include_declaration_adds_the_title()
    {
        var references = NoteReferences.Find(Vault.Snapshot, Vault.Note("b.md"), Vault.At("b.md", "[[target]]", 3), includeDeclaration: true);

        Assert.Equal(Location("target.md", "The Target"), Locations(references)[0]);
        Assert.Equal(6, references.Count);
    }

    [Fact]
    public void On_the_heading_part_of_a_link_the_references_are_the_links_to_that_heading()
    {
        var references = NoteReferences.Find(Vault.Snapshot, Vault.Note("a.md"), Vault.At("a.md", "#Part", 2), includeDeclaration: true);

        Assert.Equal(
        [
            Location("target.md", "## Part", "Part"),
            Location("a.md", "[[The Target#Part|p]]"),
            Location("a.md", "[t](target.md#part)"),
            Location("target.md", "[[#Part]]"),
        ], Locations(references));
    }

    [Fact]
    public void On_the_target_part_of_a_heading_link_the_references_are_the_links_to_the_note()
    {
        var references = NoteReferences.Find(Vault.Snapshot, Vault.Note("a.md"), Vault.At("a.md", "The Target#", 2), includeDeclaration: false);

        Assert.Equal(5, references.Count);
    }

    [Fact]
    public void On_the_title_the_references_are_the_links_to_the_note()
    {
        var references = NoteReferences.Find(Vault.Snapshot, Vault.Note("target.md"), Vault.At("target.md", "The Target", 3), includeDeclaration: false);

        Assert.Equal(5, references.Count);
        Assert.DoesNotContain(references, r => r.Path == "target.md");
    }

    [Fact]
    public void On_a_heading_the_references_are_the_links_to_it_including_self_links()
    {
        var references = NoteReferences.Find(Vault.Snapshot, Vault.Note("target.md"), Vault.At("target.md", "## Part", 4), includeDeclaration: false);

        Assert.Equal(
        [
            Location("a.md", "[[The Target#Part|p]]"),
            Location("a.md", "[t](target.md#part)"),
            Location("target.md", "[[#Part]]"),
        ], Locations(references));
    }

    [Fact]
    public void Elsewhere_there_are_no_references_and_on_a_broken_link_the_links_waiting_for_the_same_note()
    {
        Assert.Empty(NoteReferences.Find(Vault.Snapshot, Vault.Note("c.md"), Vault.At("c.md", "see"), includeDeclaration: true));
        // docs/notes-format.md §12: a broken link's references are the broken links with its Key (here only itself).
        var references = NoteReferences.Find(Vault.Snapshot, Vault.Note("b.md"), Vault.At("b.md", "[[elsewhere]]", 3), includeDeclaration: true);
        Assert.Equal([Location("b.md", "[[elsewhere]]")], Locations(references));
    }

    [Fact]
    public void A_note_nobody_links_to_has_only_its_declaration()
    {
        var references = NoteReferences.Find(Vault.Snapshot, Vault.Note("b.md"), Vault.At("b.md", "[[a]]", 2), includeDeclaration: true);

        Assert.Equal(["a.md 0:0-0:0", Location("b.md", "[[a]]")], Locations(references));
    }

    [Fact]
    public void Markdown_links_in_every_spelling_of_the_path_are_references_in_path_then_position_order()
    {
        // Only notes the Markdown link index lists for the path are searched for Markdown links: each spelling
        // (another case, no extension, "..", rooted) must reach it, and the same file name from another folder must not.
        var vault = TestVault.Of(
            ("notes/hub.md", "# Hub\n"),
            ("notes/z.md", "[x](HUB.md) then [[hub]]\n"),
            ("other/a.md", "[[hub]] and [y](../notes/hub)\n[z](/notes/hub.md#hub)\n"),
            ("other/b.md", "[no](hub.md) [[notes/hub]]\n"),
            ("c.md", "[w](notes/Hub.md)\n"));

        var references = NoteReferences.ToNote(vault.Snapshot, vault.Note("notes/hub.md"), null, includeDeclaration: false);

        Assert.Equal(
        [
            $"c.md {vault.Range("c.md", "[w](notes/Hub.md)")}",
            $"notes/z.md {vault.Range("notes/z.md", "[x](HUB.md)")}",
            $"notes/z.md {vault.Range("notes/z.md", "[[hub]]")}",
            $"other/a.md {vault.Range("other/a.md", "[[hub]]")}",
            $"other/a.md {vault.Range("other/a.md", "[y](../notes/hub)")}",
            $"other/a.md {vault.Range("other/a.md", "[z](/notes/hub.md#hub)")}",
            $"other/b.md {vault.Range("other/b.md", "[[notes/hub]]")}",
        ], Locations(references));
    }

    [Fact]
    public void Asking_about_another_note_and_back_on_one_snapshot_and_after_an_edit_gives_each_its_own_links()
    {
        // The snapshot keeps the links of the note asked about last: they must never answer for another note or another snapshot.
        string[] To(TestVault vault, string path) =>
            Locations(NoteReferences.ToNote(vault.Snapshot, vault.Note(path), null, includeDeclaration: false));
        string[] toTarget = [Location("a.md", "[[target]]"), Location("a.md", "[[The Target#Part|p]]"), Location("a.md", "[t](target.md#part)"),
            Location("a.md", "[[target#Other]]"), Location("b.md", "[[target]]")];

        Assert.Equal(toTarget, To(Vault, "target.md"));
        Assert.Equal([Location("b.md", "[[a]]")], To(Vault, "a.md"));
        Assert.Equal(toTarget, To(Vault, "target.md"));

        var edited = Vault.With("c.md", "Now [[target]] too.\n");
        Assert.Equal([.. toTarget, $"c.md {edited.Range("c.md", "[[target]]")}"], To(edited, "target.md"));
        Assert.Equal(toTarget, To(Vault, "target.md"));
        Assert.Equal([Location("b.md", "[[a]]")], To(edited, "a.md"));
    }

    [Fact]
    public void The_links_to_a_hub_from_thousands_of_notes_come_in_path_then_position_order()
    {
        // Past a few thousand sources the snapshot looks through them on every core and joins the runs in order.
        var notes = new List<(string, string)> { ("hub.md", "# Hub\n\n## Part\n") };
        for (var i = 0; i < 3000; i++) notes.Add(($"f{i % 7}/n{i:D4}.md", "[[hub#Part]] then [[hub]]\nand [m](../hub.md) [[other]]\n"));
        var vault = TestVault.Of([.. notes]);

        var references = NoteReferences.ToNote(vault.Snapshot, vault.Note("hub.md"), null, includeDeclaration: false);

        var expected = notes.Skip(1).Select(n => n.Item1).Order(StringComparer.Ordinal)
            .SelectMany(path => new[] { "[[hub#Part]]", "[[hub]]", "[m](../hub.md)" }.Select(link => $"{path} {vault.Range(path, link)}"))
            .ToArray();
        Assert.Equal(expected, Locations(references));
    }
}
