using NoteLsp.Core.Index;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Core.Tests;

/// <summary>The video index kept by the snapshot's editor answers exactly what a fresh build of the same notes answers.</summary>
public class VideoIndexTests
{
    private static string Note(string? video, params string[] times) =>
        (video is null ? "" : $"---\nvideoId: {video}\n---\n") + string.Join(" ", times.Select(t => $"At [{t}](#{t}).")) + "\n";

    private static List<(string Path, int Seconds, int Line, int Character)> Moments(VaultSnapshot snapshot, string video) =>
        snapshot.MomentsOf(video).Select(m => (m.Note.Path, m.Seconds, m.Timestamp.Range.Start.Line, m.Timestamp.Range.Start.Character)).ToList();

    [Fact]
    public void Edits_keep_the_index_equal_to_a_fresh_build()
    {
        var vault = TestVault.Of(("a.md", Note("V", "01:00", "00:10")), ("b.md", Note("V", "00:10", "9:99")), ("c.md", Note("W", "00:05")));
        Assert.Equal([("a.md", 10, 3, 23), ("b.md", 10, 3, 3), ("a.md", 60, 3, 3)], Moments(vault.Snapshot, "V"));

        var edited = vault
            .With("b.md", Note("W", "00:20"))
            .With("d.md", Note(" V ", "00:30"))
            .With("e.md", Note(null, "00:01"))
            .Without("c.md");
        var fresh = VaultSnapshot.Build(edited.Texts.Select(kv => NoteParser.Parse(kv.Key, kv.Value)));
        foreach (var snapshot in new[] { edited.Snapshot, fresh })
        {
            Assert.Equal(["V", "W"], snapshot.VideoIds);
            Assert.Equal([("a.md", 10, 3, 23), ("d.md", 30, 3, 3), ("a.md", 60, 3, 3)], Moments(snapshot, "V"));
            Assert.Equal([("b.md", 20, 3, 3)], Moments(snapshot, "W"));
        }
        Assert.Empty(edited.Without("b.md").Snapshot.MomentsOf("W"));
        Assert.Equal(["V"], edited.Without("b.md").Snapshot.VideoIds);
    }
}
