using NoteLsp.Core.Features;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

/// <summary>ExtractSection and InlineNote on the in-memory vault: the new note's name, collisions, what is moved and inlined.</summary>
public class RefactoringTests
{
    private static NoteRefactoring? Extract(TestVault vault, string path, string headingLine)
    {
        var text = vault.Texts[path];
        return ExtractSection.For(vault.Snapshot, vault.Note(path), text, LineMap.Build(text), vault.At(path, headingLine, 0).Line);
    }

    private static NoteRefactoring? Inline(TestVault vault, string path, string find) =>
        InlineNote.For(vault.Snapshot, vault.Note(path), vault.Texts[path], LineMap.Build(vault.Texts[path]), vault.At(path, find), n => vault.Texts[n.Path]);

    [Fact]
    public void The_new_note_is_named_by_the_slug_of_the_heading_next_to_the_source_with_its_extension()
    {
        var vault = TestVault.Of(("talks/source.markdown", "# Source\n\n## C# & .NET: Tips!\n\nBody.\n"));
        var extract = Extract(vault, "talks/source.markdown", "## C#")!;
        Assert.Equal("talks/c_net_tips.markdown", extract.CreateNote!.Path);
        Assert.Equal("---\ntitle: \"C# & .NET: Tips!\"\n---\n\nBody.\n", extract.CreateNote.Content);
        Assert.Null(extract.DisabledReason);
        // The label leaves out nothing here; the link names the note by its stem.
        Assert.Equal("\n[[c_net_tips | C# & .NET: Tips!]]\n", extract.Edits.Single().Edits.Single().NewText);
    }

    [Fact]
    public void A_taken_name_disables_the_extract_and_a_stem_used_elsewhere_is_linked_by_its_rooted_path()
    {
        var taken = TestVault.Of(("a/source.md", "## Plan\n\nText.\n"), ("a/plan.md", "# Plan\n"));
        var refused = Extract(taken, "a/source.md", "## Plan")!;
        Assert.Equal("A note a/plan.md already exists.", refused.DisabledReason);
        Assert.Null(refused.CreateNote);
        Assert.Empty(refused.Edits);

        var elsewhere = TestVault.Of(("a/source.md", "## Plan\n\nText.\n"), ("b/plan.md", "# Plan\n"));
        Assert.Equal("\n[[/a/plan | Plan]]\n", Extract(elsewhere, "a/source.md", "## Plan")!.Edits.Single().Edits.Single().NewText);
    }

    [Fact]
    public void A_section_ends_at_the_next_heading_of_its_level_and_empty_or_unnameable_sections_offer_nothing()
    {
        var vault = TestVault.Of(("n.md", "## One\n\nA.\n\n### Sub\n\nB.\n\n## Two\n\n## !!!\n\nC.\n"));
        var one = Extract(vault, "n.md", "## One")!;
        Assert.Equal("---\ntitle: One\n---\n\nA.\n\n### Sub\n\nB.\n", one.CreateNote!.Content);
        Assert.Equal(new TextRange(1, 0, 8, 0), one.Edits.Single().Edits.Single().Range);
        Assert.Null(Extract(vault, "n.md", "## Two"));
        Assert.Null(Extract(vault, "n.md", "## !!!"));
        Assert.Null(Extract(vault, "n.md", "A."));
    }

    [Fact]
    public void Inlining_drops_front_matter_and_the_title_heading_and_refuses_across_videos()
    {
        var vault = TestVault.Of(
            ("host.md", "---\nvideoId: qTogNUV3CAI\n---\nBefore.\nSee [[part]] here.\nAfter.\n"),
            ("part.md", "---\ntitle: Part\nvideoId: qTogNUV3CAI\n---\n# Part\n\nMoved text.\n"),
            ("other.md", "---\nvideoId: UTuuTTnjxMQ\n---\nElse.\n"),
            ("mixed.md", "---\nvideoId: qTogNUV3CAI\n---\n[[other]]\n"));
        var inline = Inline(vault, "host.md", "[[part")!;
        Assert.Equal("Inline note 'Part'", inline.Title);
        var edit = inline.Edits.Single();
        Assert.Equal("host.md", edit.Path);
        Assert.Equal(new TextReplacement(new TextRange(4, 0, 4, 18), "Moved text."), edit.Edits.Single());

        var refused = Inline(vault, "mixed.md", "[[other")!;
        Assert.Contains("cite different videos", refused.DisabledReason);
        Assert.Empty(refused.Edits);
        Assert.Null(Inline(vault, "host.md", "Before"));
    }

    [Fact]
    public void Inlining_from_another_folder_rewrites_relative_Markdown_paths_and_a_link_to_a_heading_offers_nothing()
    {
        var vault = TestVault.Of(
            ("host.md", "A [[deep]] line.\nAnd [[deep#Sec]].\n"),
            ("sub/deep.md", "## Sec\n\nSee [pic](img/a.png), [up](../host.md#x) and [root](/r.md).\n"));
        var inline = Inline(vault, "host.md", "[[deep]]")!;
        Assert.Equal("## Sec\n\nSee [pic](sub/img/a.png), [up](host.md#x) and [root](/r.md).", inline.Edits.Single().Edits.Single().NewText);
        Assert.Null(Inline(vault, "host.md", "[[deep#Sec"));
    }
}
