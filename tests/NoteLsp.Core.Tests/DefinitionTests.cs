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
}
