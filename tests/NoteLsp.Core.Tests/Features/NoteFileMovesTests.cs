using NoteLsp.Core.Features;

namespace NoteLsp.Core.Tests;

/// <summary>NoteFileMoves on the in-memory vault: the link edits that keep links working when notes or folders move.</summary>
public class NoteFileMovesTests
{
    private static readonly TestVault Vault = TestVault.Of(
        ("plan.md", "# Plan\n"),
        ("titled.md", "---\ntitle: Star Map\n---\n"),
        ("notes/x.md", "See [y](y.md) and [[y]].\n"),
        ("notes/y.md", "# Y\n"),
        ("my note.md", "# Mine\n"),
        ("index.md", """
            [[plan]] and [[plan|My plan]] and [[plan.md]] and [[plan#Plan]]
            [p](plan.md) and [p](./plan.md#plan) and [p](plan)
            [[Star Map]] and [[titled]]
            [y](notes/y.md) and [m](my%20note.md)
            """));

    /// <summary>The texts of the notes the plan edits (by their path before the move), with its edits applied.</summary>
    private static Dictionary<string, string> Move(params (string From, string To)[] moves)
    {
        var plan = NoteFileMoves.Plan(Vault.Snapshot, moves.Select(m => new NoteMove(m.From, m.To)).ToList());
        return plan.ToDictionary(kv => kv.Key, kv => TestVault.ApplyEdits(Vault.Texts[kv.Key], kv.Value));
    }

    [Fact]
    public void Renaming_a_notes_file_rewrites_every_link_in_its_own_form()
    {
        var edited = Move(("plan.md", "roadmap.md"));

        Assert.Equal(["index.md"], edited.Keys);
        Assert.Equal("""
            [[roadmap]] and [[roadmap|My plan]] and [[roadmap.md]] and [[roadmap#Plan]]
            [p](roadmap.md) and [p](./roadmap.md#plan) and [p](roadmap)
            [[Star Map]] and [[titled]]
            [y](notes/y.md) and [m](my%20note.md)
            """, edited["index.md"]);
    }

    [Fact]
    public void Moving_a_note_to_a_folder_keeps_wikilinks_by_stem_and_rewrites_relative_paths()
    {
        var edited = Move(("plan.md", "archive/plan.md"));

        Assert.Equal("""
            [[plan]] and [[plan|My plan]] and [[plan.md]] and [[plan#Plan]]
            [p](archive/plan.md) and [p](./archive/plan.md#plan) and [p](archive/plan)
            [[Star Map]] and [[titled]]
            [y](notes/y.md) and [m](my%20note.md)
            """, edited["index.md"]);
    }

    [Fact]
    public void A_link_by_title_stays_and_a_link_by_file_name_follows_the_file()
    {
        var edited = Move(("titled.md", "sky.md"));

        Assert.Contains("[[Star Map]] and [[sky]]\n", edited["index.md"]);
    }

    [Fact]
    public void A_moved_notes_own_relative_links_are_rewritten_from_its_new_folder()
    {
        var edited = Move(("notes/x.md", "x.md"));

        Assert.Equal("See [y](notes/y.md) and [[y]].\n", edited["notes/x.md"]);
        Assert.False(edited.ContainsKey("index.md"));
    }

    [Fact]
    public void Moving_a_folder_moves_every_note_under_it()
    {
        var edited = Move(("notes", "old"));

        Assert.Contains("[y](old/y.md) and", edited["index.md"]);
        Assert.False(edited.ContainsKey("notes/x.md")); // x and y moved together: its relative link still holds
    }

    [Fact]
    public void A_percent_encoded_path_stays_percent_encoded()
    {
        var edited = Move(("my note.md", "your note.md"));

        Assert.Contains("[m](your%20note.md)", edited["index.md"]);
    }

    [Fact]
    public void A_move_onto_itself_or_of_nothing_edits_nothing()
    {
        Assert.Empty(Move(("plan.md", "plan.md")));
        Assert.Empty(Move(("missing.md", "elsewhere.md")));
    }
}
