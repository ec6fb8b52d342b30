using NoteLsp.Core.Features;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

public class DefinitionTests
{
    private static readonly TextRange NoteStart = new(0, 0, 0, 0);

    private static readonly TestVault Vault = TestVault.Of(
        ("source.md", """
            # Source

            Plain [[target]] and [[target#Second part|label]] and [[target#^quote]].
            Self [[#Local]] and [md](sub/../target.md#second-part) and [pic](image.png).
            Ambiguous [[x]] and broken [[nowhere]] and [[target#Missing]].

            ## Local
            """),
        ("target.md", """
            # Target

            ## Second part

            A quote. ^quote
            """),
        ("a/x.md", ""),
        ("b/x.md", ""));

    private static IReadOnlyList<DefinitionTarget> At(string find, int offset = 1) =>
        NoteDefinition.Find(Vault.Snapshot, Vault.Note("source.md"), Vault.At("source.md", find, offset));

    [Fact]
    public void A_link_to_a_note_goes_to_its_start()
    {
        var target = Assert.Single(At("[[target]]", 4));

        Assert.Equal("target.md", target.TargetPath);
        Assert.Equal(NoteStart, target.TargetRange);
        Assert.Equal(NoteStart, target.TargetSelectionRange);
        Assert.Equal(Vault.Range("source.md", "[[target]]", "target"), target.OriginRange);
    }

    [Fact]
    public void The_cursor_anywhere_on_the_link_counts_even_on_the_brackets_and_right_after()
    {
        Assert.Single(At("[[target]]", 0));
        Assert.Single(At("[[target]]", "[[target]]".Length));
        Assert.Empty(At("Plain", 2));
    }

    [Fact]
    public void A_heading_link_goes_to_the_heading_and_selects_its_text()
    {
        var heading = Vault.Note("target.md").Headings.Single(h => h.Text == "Second part");

        var fromWiki = Assert.Single(At("[[target#Second", 10));
        var fromLabel = Assert.Single(At("|label", 2));
        var fromMarkdown = Assert.Single(At("[md]", 1));

        foreach (var target in new[] { fromWiki, fromLabel, fromMarkdown })
        {
            Assert.Equal("target.md", target.TargetPath);
            Assert.Equal(heading.Range, target.TargetRange);
            Assert.Equal(heading.TextRange, target.TargetSelectionRange);
            Assert.Equal(Vault.Range("target.md", "## Second part"), target.TargetRange);
            Assert.Equal(Vault.Range("target.md", "Second part"), target.TargetSelectionRange);
        }
        Assert.Equal(Vault.Range("source.md", "sub/../target.md"), fromMarkdown.OriginRange);
    }

    [Fact]
    public void A_block_link_goes_to_the_block_and_selects_the_id()
    {
        var target = Assert.Single(At("[[target#^quote]]", 3));

        Assert.Equal("target.md", target.TargetPath);
        Assert.Equal(Vault.Range("target.md", "A quote. ^quote"), target.TargetRange);
        var selected = target.TargetSelectionRange;
        Assert.Equal(Vault.Range("target.md", "quote", 1).End, selected.End);
    }

    [Fact]
    public void A_self_link_goes_to_the_heading_in_the_same_note()
    {
        var target = Assert.Single(At("[[#Local]]", 3));

        Assert.Equal("source.md", target.TargetPath);
        Assert.Equal(Vault.Range("source.md", "## Local"), target.TargetRange);
        Assert.Equal(Vault.Range("source.md", "[[#Local]]", "Local"), target.OriginRange);
    }

    [Fact]
    public void An_ambiguous_link_offers_every_candidate()
    {
        var targets = At("[[x]]", 2);

        Assert.Equal(["a/x.md", "b/x.md"], targets.Select(t => t.TargetPath));
        Assert.All(targets, t => Assert.Equal(NoteStart, t.TargetRange));
    }

    [Fact]
    public void Broken_links_and_links_to_other_files_have_no_definition()
    {
        Assert.Empty(At("[[nowhere]]", 3));
        Assert.Empty(At("[pic]", 1));
    }

    [Fact]
    public void A_link_to_a_missing_heading_still_goes_to_the_note()
    {
        var target = Assert.Single(At("[[target#Missing]]", 3));

        Assert.Equal("target.md", target.TargetPath);
        Assert.Equal(NoteStart, target.TargetRange);
    }

    [Fact]
    public void A_link_inside_a_heading_is_the_link_and_the_rest_of_the_heading_is_the_heading()
    {
        var vault = TestVault.Of(
            ("note.md", "---\ntitle: Front Title\n---\n# About [[target]] things\n\n## Plain\n"),
            ("target.md", ""));
        var note = vault.Note("note.md");

        var onLink = NoteElementAt.Find(note, vault.At("note.md", "[[target]]", 3));
        var onHeading = NoteElementAt.Find(note, vault.At("note.md", "things", 1));
        var onTitle = NoteElementAt.Find(note, vault.At("note.md", "Front Title", 2));
        var onPlainHeading = NoteElementAt.Find(note, vault.At("note.md", "Plain", 1));

        Assert.Equal("target", onLink?.WikiLink?.Target);
        Assert.True(onLink!.IsLink);
        Assert.Equal("About target things", onHeading?.Heading?.Text);
        Assert.False(onHeading!.IsTitle); // the front matter title wins over the first heading
        Assert.True(onTitle?.IsTitle);
        Assert.Equal("Plain", onPlainHeading?.Heading?.Text);
        Assert.Null(NoteElementAt.Find(note, new TextPosition(4, 0)));
        Assert.Equal("target.md", Assert.Single(NoteDefinition.Find(vault.Snapshot, note, vault.At("note.md", "[[target]]", 3))).TargetPath);
    }

    [Fact]
    public void The_first_heading_is_the_title_when_there_is_no_front_matter_title()
    {
        var vault = TestVault.Of(("note.md", "# The Title\n\n## Other\n"));

        Assert.True(NoteElementAt.Find(vault.Note("note.md"), vault.At("note.md", "The Title", 2))?.IsTitle);
        Assert.False(NoteElementAt.Find(vault.Note("note.md"), vault.At("note.md", "Other", 2))?.IsTitle);
    }

    [Fact]
    public void A_timestamp_is_found_under_the_cursor_but_has_no_definition()
    {
        var vault = TestVault.Of(("note.md", "---\nvideoId: qTogNUV3CAI\n---\nAt [12:00](#12:00).\n"));

        Assert.Equal("12:00", NoteElementAt.Find(vault.Note("note.md"), vault.At("note.md", "[12:00]", 2))?.Timestamp?.TargetText);
        Assert.Empty(NoteDefinition.Find(vault.Snapshot, vault.Note("note.md"), vault.At("note.md", "[12:00]", 2)));
    }
}
