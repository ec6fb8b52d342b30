using FsCheck.Xunit;
using NoteLsp.Core.Index;

namespace NoteLsp.Core.Tests;

/// <summary>
/// The index of targets not written yet is derived from the previous snapshot's when only some notes' links changed:
/// after any sequence of edits it must hold exactly what a fresh build of the same notes holds (names, spellings and
/// how many notes link to each), whether or not it was asked for in between.
/// </summary>
public class UnwrittenIndexTests
{
    private static readonly string[] Paths = ["a.md", "b.md", "c.md", "folder/d.md", "e.md"];

    // Notes an edit may add: one named like an unwritten target, one like an existing note.
    private static readonly string[] MorePaths = [.. Paths, "ghost.md", "other/a.md"];

    // Targets that name notes, that name nothing (in two spellings of one key), with a folder, an attachment, empty.
    private static readonly string[] Targets = ["a", "B", "folder/d", "ghost", "Ghost", "other ghost", "dir/ghost", "pic.png", "e.md", " ", "d", "Far Away"];

    private static string Text(int seed, int variant)
    {
        var random = new Random(seed * 31 + variant);
        var links = Enumerable.Range(0, random.Next(0, 6)).Select(_ => $"[[{Targets[random.Next(Targets.Length)]}]]");
        // Now and then a title that makes one of the unwritten targets a name.
        var frontMatter = variant % 7 == 3 ? "---\ntitle: Far Away\n---\n" : "";
        return frontMatter + "# Note\n\n" + string.Join(" and ", links) + "\n";
    }

    private static List<(string Key, string Name, int Popularity)> Entries(VaultSnapshot snapshot) =>
        snapshot.UnwrittenTargets.SharedEntries.Select(e => (e.Key, e.Name, e.Popularity)).Order().ToList();

    [Property(MaxTest = 300)]
    public void After_any_edits_the_unwritten_targets_are_those_of_a_fresh_build(int seed, int[] edits, bool[] askInBetween)
    {
        var vault = TestVault.Of([.. Paths.Select((path, i) => (path, Text(seed, i)))]);
        _ = vault.Snapshot.UnwrittenTargets;
        for (var step = 0; step < (edits ?? []).Length; step++)
        {
            var edit = Math.Abs(edits![step]);
            var path = MorePaths[edit % MorePaths.Length];
            // A third of the edits remove the note (when it is there), the rest write it (adding it when it is not).
            vault = edit / MorePaths.Length % 3 == 2 && vault.Texts.ContainsKey(path)
                ? vault.Without(path)
                : vault.With(path, Text(seed, edit / MorePaths.Length % 50));
            if (askInBetween is { Length: > 0 } && askInBetween[step % askInBetween.Length]) _ = vault.Snapshot.UnwrittenTargets;
        }
        var fresh = VaultSnapshot.Build(vault.Snapshot.Notes);
        Assert.Equal(Entries(fresh), Entries(vault.Snapshot));
    }

    [Fact]
    public void A_link_added_to_a_note_not_written_yet_is_offered_and_counted_at_once()
    {
        var vault = TestVault.Of(("a.md", "# A\n\n[[Ghost]]\n"), ("b.md", "# B\n\n[[a]]\n"));
        Assert.Equal([("ghost", "Ghost", 1)], Entries(vault.Snapshot));

        vault = vault.With("b.md", "# B\n\n[[a]] and [[ghost]] and [[Unheard Of]]\n");
        Assert.Equal([("ghost", "Ghost", 2), ("unheardof", "Unheard Of", 1)], Entries(vault.Snapshot));

        // The first link in path order spells the target: a.md's, until it no longer links there.
        vault = vault.With("a.md", "# A\n\nnothing\n");
        Assert.Equal([("ghost", "ghost", 1), ("unheardof", "Unheard Of", 1)], Entries(vault.Snapshot));

        // A note that takes the name is no longer unwritten; when it goes, the target is unwritten again, and so is the
        // note b.md links to by its file name.
        vault = vault.With("a.md", "---\ntitle: Unheard Of\n---\n# A\n");
        Assert.Equal([("ghost", "ghost", 1)], Entries(vault.Snapshot));
        vault = vault.Without("a.md");
        Assert.Equal([("a", "a", 1), ("ghost", "ghost", 1), ("unheardof", "Unheard Of", 1)], Entries(vault.Snapshot));
    }
}
