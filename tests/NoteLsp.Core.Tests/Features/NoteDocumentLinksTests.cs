using NoteLsp.Core.Config;
using NoteLsp.Core.Features;

namespace NoteLsp.Core.Tests;

/// <summary>NoteDocumentLinks on the in-memory vault: which ranges become clickable and where they lead.</summary>
public class NoteDocumentLinksTests
{
    private static readonly TestVault Vault = TestVault.Of(
        ("target.md", "# Target\n\n## Part\n\ntext ^blk\n"),
        ("a.md", """
            ---
            videoId: abcdefghijk
            ---
            [[target]] [[target#Part]] [[#Mine]] [[nowhere]] [t](target.md#part) [u](https://example.com)
            [00:10](#00:10) <a class="yt-timestamp" data-t="01:00:01">[01:00:01]</a> [1:2](#1:2)

            ## Mine
            """),
        ("bad-video.md", "---\nvideoId: short\n---\n[00:10](#00:10)\n"));

    private static string[] Links(string path, NoteLspConfig? config = null) =>
        NoteDocumentLinks.Find(Vault.Snapshot, Vault.Note(path), config ?? NoteLspConfig.Default)
            .Select(l => $"{l.Range} -> {l.Url ?? l.TargetPath + (l.TargetLine is { } line ? ":" + line : "")}")
            .ToArray();

    [Fact]
    public void Resolved_links_lead_to_their_note_and_line_and_valid_timestamps_to_the_video()
    {
        Assert.Equal(
        [
            $"{Vault.Range("a.md", "[[target]]", "target")} -> target.md",
            $"{Vault.Range("a.md", "[[target#Part]]", "target")} -> target.md:2",
            $"{Vault.Range("a.md", "[[#Mine]]", "Mine")} -> a.md:6",
            $"{Vault.Range("a.md", "[t](target.md#part)", "target.md")} -> target.md:2",
            $"{Vault.Range("a.md", "[00:10](#00:10)")} -> https://www.youtube.com/watch?v=abcdefghijk&t=10s",
            $"{Vault.Range("a.md", "<a class=\"yt-timestamp\" data-t=\"01:00:01\">[01:00:01]</a>")} -> https://www.youtube.com/watch?v=abcdefghijk&t=3601s",
        ], Links("a.md"));
    }

    [Fact]
    public void A_note_with_an_invalid_video_id_gets_no_video_links()
    {
        Assert.Empty(Links("bad-video.md"));
    }
}
