using NoteLsp.Core.Index;

namespace NoteLsp.Core.Tests;

/// <summary>The sorted name index completion searches instead of walking every note.</summary>
public class NameIndexTests
{
    private static TestVault Vault() => TestVault.Of(
        ("ai_scaling.md", "---\ntitle: AI scaling and its effectiveness\naliases: [Scaling laws]\n---\n"),
        ("scaling_challenges.md", "# Scaling challenges\n"),
        ("robotics.md", "# The future of robotics\n"),
        ("hub.md", "[[robotics]] [[ai_scaling]]\n"),
        ("other.md", "[[robotics]]\n"));

    private static List<(string Name, string Path, NameMatch Match)> Search(TestVault vault, string query, int enough = 100) =>
        vault.Snapshot.Names.Search(Names.NoteNames.Key(query), enough).Select(m => (m.Entry.Name, m.Entry.Path, m.Match)).ToList();

    [Fact]
    public void Prefix_matches_come_first_then_word_starts_then_letters_in_order()
    {
        var found = Search(Vault(), "scal");
        Assert.Equal(
            [("Scaling laws", "ai_scaling.md", NameMatch.Prefix), ("Scaling challenges", "scaling_challenges.md", NameMatch.Prefix),
             ("scaling_challenges", "scaling_challenges.md", NameMatch.Prefix)],
            found.Where(f => f.Match == NameMatch.Prefix).OrderBy(f => f.Path).ThenBy(f => f.Name));
        Assert.Contains(("AI scaling and its effectiveness", "ai_scaling.md", NameMatch.WordStart), found);
        Assert.Contains(("ai_scaling", "ai_scaling.md", NameMatch.WordStart), found);
        Assert.DoesNotContain(found, f => f.Path == "robotics.md");
    }

    [Fact]
    public void Letters_in_order_match_last()
    {
        var found = Search(Vault(), "frbt");
        Assert.Equal([("The future of robotics", "robotics.md", NameMatch.Subsequence)], found);
    }

    [Fact]
    public void Letters_beyond_ascii_and_digits_match_in_order_too()
    {
        var vault = TestVault.Of(
            ("nihon.md", "# 日本語の本\n"),
            ("cafe.md", "# Café 2024 notes\n"),
            ("plain.md", "# Plain notes\n"));
        Assert.Equal([("日本語の本", "nihon.md", NameMatch.Subsequence)], Search(vault, "語本"));
        Assert.Equal([("Café 2024 notes", "cafe.md", NameMatch.Subsequence)], Search(vault, "cf24"));
        Assert.Empty(Search(vault, "cf25"));
    }

    [Fact]
    public void After_names_change_completion_finds_the_new_names_and_never_the_old()
    {
        var snapshot = Vault().Snapshot;
        _ = snapshot.Names; // built, so later snapshots derive theirs from it
        var steps = new List<Func<VaultSnapshot, VaultSnapshot>>
        {
            s => s.WithNote(Parsing.NoteParser.Parse("robotics.md", "# Robots of tomorrow\n")), // a title edited
            s => s.WithNote(Parsing.NoteParser.Parse("new.md", "---\naliases: [Fresh idea]\n---\n# Brand new\n")), // a note added
            s => s.WithoutNote("scaling_challenges.md"), // a note removed
            s => s.WithNote(Parsing.NoteParser.Parse("ai_scaling.md", "---\ntitle: AI scaling\naliases: [Power laws]\n---\n")), // an alias replaced
            // More notes than an overlay holds: built from scratch again.
            s => s.WithNotes(Enumerable.Range(0, NameIndex.MaxOverlay + 5).Select(i => Parsing.NoteParser.Parse($"bulk/n{i}.md", $"# Bulk {i}\n")).ToList()),
            s => s.WithNote(Parsing.NoteParser.Parse("bulk/n3.md", "# Renamed bulk\n")),
        };
        foreach (var step in steps)
        {
            snapshot = step(snapshot);
            var scratch = NameIndex.Build(snapshot.Notes, snapshot.LinkingNoteCount);
            foreach (var query in new[] { "", "robo", "scal", "fresh", "brand", "power", "laws", "bulk", "renamed", "frbt", "tmrw" })
            {
                var key = Names.NoteNames.Key(query);
                var derived = snapshot.Names.Search(key, 1000).Select(m => (m.Entry.Name, m.Entry.Path, m.Match)).Order().ToList();
                var expected = scratch.Search(key, 1000).Select(m => (m.Entry.Name, m.Entry.Path, m.Match)).Order().ToList();
                Assert.Equal(expected, derived);
            }
        }
        Assert.Contains(snapshot.Names.Search("robotsoftomorrow", 10), m => m.Entry.Path == "robotics.md");
        Assert.DoesNotContain(snapshot.Names.Search("thefutureofrobotics", 10), m => m.Entry.Path == "robotics.md");
    }

    [Fact]
    public void An_empty_query_lists_the_most_linked_notes_first()
    {
        var found = Search(Vault(), "", enough: 2);
        Assert.Equal(["robotics.md", "robotics.md"], found.Select(f => f.Path));
    }

    [Fact]
    public void The_search_stops_after_enough_weaker_matches_but_keeps_every_prefix_match()
    {
        var found = Search(Vault(), "s", enough: 1);
        Assert.All(found, f => Assert.Equal(NameMatch.Prefix, f.Match));
        Assert.Equal(3, found.Count);
    }

    [Fact]
    public void The_index_is_shared_while_names_stay_and_rebuilt_when_one_changes()
    {
        var vault = Vault();
        var index = vault.Snapshot.Names;
        var bodyEdit = vault.With("hub.md", "[[robotics]] [[ai_scaling]] more text\n");
        Assert.Same(index, bodyEdit.Snapshot.Names);

        var retitled = vault.With("robotics.md", "# Robots tomorrow\n");
        Assert.NotSame(index, retitled.Snapshot.Names);
        Assert.Contains(Search(retitled, "robots"), f => f.Name == "Robots tomorrow");
        Assert.DoesNotContain(Search(retitled, "future"), f => f.Name == "The future of robotics");

        var removed = vault.Without("scaling_challenges.md");
        Assert.DoesNotContain(Search(removed, "scal"), f => f.Path == "scaling_challenges.md");
    }
}
