using NoteLsp.Core.Config;
using NoteLsp.Core.Features;

namespace NoteLsp.Core.Tests;

/// <summary>NoteHover on the in-memory vault: what a reader sees when the pointer rests on a link or a timestamp.</summary>
public class NoteHoverTests
{
    private static readonly TestVault Vault = TestVault.Of(
        ("target.md", """
            ---
            title: The Target
            ---
            First line of the target.
            Second line.

            ## Part

            Inside the part.

            ## Other

            Other text. ^blk
            """),
        ("a.md", "[[target]] and [[target#Part]] and [[target#^blk]] and [[nowhere]]\n"),
        ("b.md", "[[target]]\n"),
        ("dup1.md", "---\ntitle: Same\n---\n"),
        ("dup2.md", "---\ntitle: Same\n---\n"),
        ("amb.md", "[[Same]]\n"),
        ("video.md", "---\nvideoId: abcdefghijk\n---\nAt [01:02](#01:02) and [1:2](#1:2).\n"),
        ("novideo.md", "At [00:10](#00:10).\n"));

    private static NoteHoverResult? Hover(string path, string find, int offset = 3, NoteLspConfig? config = null) =>
        NoteHover.Find(Vault.Snapshot, Vault.Note(path), Vault.At(path, find, offset), config ?? NoteLspConfig.Default,
            p => Vault.Texts.GetValueOrDefault(p));

    [Fact]
    public void A_link_to_a_note_shows_its_title_path_backlinks_and_first_lines()
    {
        var hover = Hover("a.md", "[[target]]");

        Assert.NotNull(hover);
        Assert.Equal(Vault.Range("a.md", "[[target]]"), hover.Range);
        Assert.Equal("**The Target**  \n`target.md` · 4 backlinks\n\n---\n\nFirst line of the target.\nSecond line.\n\n## Part\n\nInside the part.\n\n## Other", hover.Markdown);
    }

    [Fact]
    public void A_link_to_a_heading_shows_that_section_only()
    {
        var hover = Hover("a.md", "[[target#Part]]");

        Assert.NotNull(hover);
        Assert.Equal("**The Target** › Part  \n`target.md` · 4 backlinks\n\n---\n\nInside the part.", hover.Markdown);
    }

    [Fact]
    public void A_link_to_a_block_shows_the_block()
    {
        var hover = Hover("a.md", "[[target#^blk]]");

        Assert.NotNull(hover);
        Assert.EndsWith("\n\n---\n\nOther text. ^blk", hover.Markdown);
    }

    [Fact]
    public void A_broken_link_says_no_note_matches()
    {
        Assert.Equal("No note matches `nowhere`.", Hover("a.md", "[[nowhere]]")?.Markdown);
    }

    [Fact]
    public void An_ambiguous_link_lists_the_candidates()
    {
        var hover = Hover("amb.md", "[[Same]]");

        Assert.Equal("`Same` is ambiguous; it matches 2 notes:\n\n- **Same** — `dup1.md`\n- **Same** — `dup2.md`", hover?.Markdown);
    }

    [Fact]
    public void A_timestamp_shows_the_moment_and_the_video_link()
    {
        var hover = Hover("video.md", "[01:02](#01:02)");

        Assert.NotNull(hover);
        Assert.Equal(Vault.Range("video.md", "[01:02](#01:02)"), hover.Range);
        Assert.Equal("Moment **01:02** (62 s) in video `abcdefghijk`  \n[https://www.youtube.com/watch?v=abcdefghijk&t=62s](https://www.youtube.com/watch?v=abcdefghijk&t=62s)", hover.Markdown);
    }

    [Fact]
    public void A_timestamp_uses_the_configured_template()
    {
        var config = NoteLspConfig.Default with { TimestampUrlTemplate = "https://videos.example/{videoId}?at={seconds}" };

        Assert.Contains("(https://videos.example/abcdefghijk?at=62)", Hover("video.md", "[01:02](#01:02)", config: config)?.Markdown);
    }

    [Fact]
    public void An_invalid_timestamp_says_why()
    {
        Assert.Equal("`1:2` is not a valid time (F:SS or F:MM:SS).", Hover("video.md", "[1:2](#1:2)")?.Markdown);
    }

    [Fact]
    public void A_timestamp_in_a_note_without_video_says_so()
    {
        Assert.Equal("Moment **00:10** (10 s) — this note has no `videoId`.", Hover("novideo.md", "[00:10](#00:10)")?.Markdown);
    }

    [Fact]
    public void Plain_text_has_no_hover()
    {
        Assert.Null(Hover("a.md", " and ", 2));
    }

    [Fact]
    public void An_unreadable_target_still_shows_its_title()
    {
        var hover = NoteHover.Find(Vault.Snapshot, Vault.Note("b.md"), Vault.At("b.md", "[[target]]", 3), NoteLspConfig.Default, _ => null);

        Assert.Equal("**The Target**  \n`target.md` · 4 backlinks", hover?.Markdown);
    }
}
