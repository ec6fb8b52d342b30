using NoteLsp.Core.Features;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

/// <summary>NoteCompletion on the in-memory vault: what a user is offered while typing a link, and what each choice writes.</summary>
public class NoteCompletionTests
{
    private static readonly TestVault Vault = TestVault.Of(
        ("alpha.md", "---\ntitle: Alpha Note\naliases: [First]\n---\n# Intro\n\nText. ^b1\n\n## Details\n\nMore. ^b2\n"),
        ("beta.md", "# Beta\n"),
        ("people/ada.md", "# Ada\n"),
        ("work/ada.md", "# Work Ada\n"),
        ("notes/deep/gamma.md", "# Gamma\n"),
        ("notes/here.md", "# Here\n"),
        ("source.md", "# Source\n\n## Local heading\n"));

    /// <summary>Completes with the cursor at the end of <paramref name="line"/> (or at '|' in it), as line 2 of source.md.</summary>
    private static NoteCompletionResult Complete(string line, string notePath = "source.md")
    {
        var cursor = line.IndexOf('¦');
        if (cursor >= 0) line = line.Remove(cursor, 1);
        else cursor = line.Length;
        return NoteCompletion.Complete(Vault.Snapshot, Vault.Note(notePath), notePath, line, new TextPosition(2, cursor));
    }

    private static TextRange Columns(int start, int end) => new(new TextPosition(2, start), new TextPosition(2, end));

    private static string Shown(NoteCompletionItem item) => $"{item.Kind} {item.Label} -> {item.NewText}";

    [Fact]
    public void Typing_a_notes_stem_offers_it_by_title_and_writes_the_stem_closing_the_link()
    {
        var result = Complete("See [[alph");

        var item = Assert.Single(result.Items);
        Assert.Equal("Note Alpha Note -> alpha]]", Shown(item));
        Assert.Equal("alpha", item.FilterText);
        Assert.Equal("alpha.md", item.Detail);
        Assert.Equal(Columns(6, 10), item.ReplaceRange);
        Assert.True(result.IsIncomplete);
    }

    [Fact]
    public void A_title_spelled_as_typed_that_names_only_one_note_is_written_as_the_title()
    {
        var item = Assert.Single(Complete("[[Alpha").Items);

        Assert.Equal("Note Alpha Note -> Alpha Note]]", Shown(item));
        Assert.Equal("Alpha Note", item.FilterText);
    }

    [Fact]
    public void An_alias_that_names_only_one_note_is_written_as_typed()
    {
        var item = Assert.Single(Complete("[[Firs").Items);

        Assert.Equal("Note Alpha Note -> First]]", Shown(item));
        Assert.Equal("First", item.FilterText);
    }

    [Fact]
    public void A_link_that_is_already_closed_gets_no_second_closing_brackets()
    {
        var item = Assert.Single(Complete("[[bet¦]] after").Items);

        Assert.Equal("Note Beta -> beta", Shown(item));
        Assert.Equal(Columns(2, 5), item.ReplaceRange);
    }

    [Fact]
    public void Notes_sharing_a_stem_are_written_with_their_path_so_the_link_is_not_ambiguous()
    {
        var items = Complete("[[ada").Items;

        Assert.Equal(["Note Ada -> people/ada]]", "Note Work Ada -> work/ada]]"], items.Select(Shown).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_note_being_edited_is_not_offered()
    {
        Assert.DoesNotContain(Complete("[[sour").Items, i => i.Detail == "source.md");
    }

    [Fact]
    public void After_a_hash_the_target_notes_headings_are_offered()
    {
        var items = Complete("[[alpha#").Items;

        Assert.Equal(["Heading Intro -> Intro]]", "Heading Details -> Details]]"], items.Select(Shown));
        Assert.Equal(Columns(8, 8), items[0].ReplaceRange);
        Assert.Equal("# in alpha.md", items[0].Detail);
    }

    [Fact]
    public void A_hash_with_no_target_offers_this_notes_own_headings()
    {
        Assert.Equal(["Heading Source -> Source]]", "Heading Local heading -> Local heading]]"], Complete("[[#").Items.Select(Shown));
    }

    [Fact]
    public void After_a_caret_the_target_notes_block_ids_are_offered()
    {
        var items = Complete("[[alpha#^b").Items;

        Assert.Equal(["Block ^b1 -> b1]]", "Block ^b2 -> b2]]"], items.Select(Shown));
        Assert.Equal(Columns(9, 10), items[0].ReplaceRange);
    }

    [Fact]
    public void In_the_label_nothing_is_offered()
    {
        Assert.Empty(Complete("[[alpha|Al").Items);
    }

    [Fact]
    public void A_markdown_link_offers_note_paths_relative_to_the_note()
    {
        var items = Complete("[x](dee", "notes/here.md").Items;

        var item = Assert.Single(items);
        Assert.Equal("Path deep/gamma.md -> deep/gamma.md", Shown(item));
        Assert.Equal(Columns(4, 7), item.ReplaceRange);
    }

    [Fact]
    public void A_markdown_link_to_a_note_in_a_parent_folder_goes_up()
    {
        Assert.Contains("Path ../beta.md -> ../beta.md", Complete("[x](../b", "notes/here.md").Items.Select(Shown));
    }

    [Fact]
    public void After_a_markdown_links_hash_the_notes_anchors_are_offered_replacing_only_the_fragment()
    {
        var items = Complete("[x](alpha.md#det").Items;

        var item = Assert.Single(items);
        Assert.Equal("Heading details -> details", Shown(item));
        Assert.Equal(Columns(13, 16), item.ReplaceRange);
    }

    [Fact]
    public void Plain_text_offers_nothing()
    {
        Assert.Same(NoteCompletionResult.None, Complete("just words"));
    }

    [Fact]
    public void The_list_is_capped_and_marked_incomplete()
    {
        var result = NoteCompletion.Complete(Vault.Snapshot, Vault.Note("source.md"), "source.md", "[[alpha#", new TextPosition(2, 8), maxItems: 1);

        Assert.Equal(["Heading Intro -> Intro]]"], result.Items.Select(Shown));
        Assert.True(result.IsIncomplete);
    }

    /// <summary>
    /// The server builds the completion indexes ahead of the first request (<see cref="NoteCompletion.PrepareIndexes"/>):
    /// the answers must be exactly the ones built on demand, the note being edited still left out of a bare "[[", and
    /// targets not written yet still offered.
    /// </summary>
    [Fact]
    public void Completion_indexes_built_ahead_give_the_answers_built_on_demand()
    {
        (string Path, string Text)[] files =
        [
            .. Vault.Texts.Select(entry => (entry.Key, entry.Value)),
            ("linker.md", "# Linker\n\n[[Not Yet Written]] and [[Not Yet Written]] and [[beta]]\n"),
        ];
        var onDemand = TestVault.Of(files);
        var ahead = TestVault.Of(files);
        NoteCompletion.PrepareIndexes(ahead.Snapshot);

        foreach (var (notePath, line) in new[] { ("alpha.md", "[["), ("beta.md", "[["), ("source.md", "[[al"), ("source.md", "[[Not Y"), ("notes/here.md", "[text](../") })
        {
            var expected = NoteCompletion.Complete(onDemand.Snapshot, onDemand.Note(notePath), notePath, line, new TextPosition(2, line.Length));
            var actual = NoteCompletion.Complete(ahead.Snapshot, ahead.Note(notePath), notePath, line, new TextPosition(2, line.Length));
            Assert.Equal(expected.Items.Select(Shown), actual.Items.Select(Shown));
            Assert.Equal(expected.IsIncomplete, actual.IsIncomplete);
            Assert.NotEmpty(actual.Items);
            Assert.DoesNotContain(actual.Items, item => item.Detail == notePath && item.Kind == CompletionItemKind.Note);
        }
        Assert.Contains(NoteCompletion.Complete(ahead.Snapshot, ahead.Note("source.md"), "source.md", "[[Not Y", new TextPosition(2, 7)).Items,
            item => item.Kind == CompletionItemKind.Unwritten && item.Label == "Not Yet Written");
    }
}
