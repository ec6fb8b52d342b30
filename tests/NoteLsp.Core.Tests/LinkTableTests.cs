using NoteLsp.Core.Features;
using NoteLsp.Core.Index;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Core.Tests;

/// <summary>
/// Each note's link table (its wikilinks by target key) is made once, by the build that indexes the note, and reused by
/// later snapshots: what references and rename find must not depend on which snapshot made it.
/// </summary>
public class LinkTableTests
{
    [Fact]
    public void A_copy_of_a_note_with_other_links_is_not_answered_from_the_original_table()
    {
        var hub = NoteParser.Parse("hub.md", "# Hub\n");
        var source = NoteParser.Parse("source.md", "[[hub]] and [[hub]] and [[other]]\n");
        var first = VaultSnapshot.Build([hub, source]);
        Assert.Equal(2, NoteReferences.ToNote(first, hub, null, false).Count);

        // `with` copies the note's derived slot too: the table made for the original must not serve the copy.
        var copy = source with { WikiLinks = [source.WikiLinks[2]] };
        var second = VaultSnapshot.Build([hub, copy, NoteParser.Parse("other.md", "")]);
        Assert.Empty(NoteReferences.ToNote(second, hub, null, false));
        Assert.Single(NoteReferences.ToNote(second, second.GetNote("other.md")!, null, false));
        // And the original, indexed again, still has its own links.
        Assert.Equal(2, NoteReferences.ToNote(VaultSnapshot.Build([hub, source]), hub, null, false).Count);
    }

    [Fact]
    public void Other_note_extensions_give_the_answers_of_notes_indexed_afresh()
    {
        static (Model.ParsedNote Target, Model.ParsedNote Source) Fresh() =>
            (NoteParser.Parse("plan.txt", ""), NoteParser.Parse("a.md", "[[plan.txt]] [[plan]] [[plan.md]]\n"));
        var (target, source) = Fresh();
        var both = VaultSnapshot.Build([target, source], [".md", ".txt"]);
        var markdownOnly = both.WithNoteExtensions([".md"]);
        var bothAgain = markdownOnly.WithNoteExtensions([".txt", ".md"]);

        // The tables made under one list of extensions must not answer under another: each snapshot answers as a
        // build of notes never indexed before does.
        var (freshTarget, freshSource) = Fresh();
        Assert.Equal(
            VaultSnapshot.Build([freshTarget, freshSource], [".md"]).LinksTo("plan.txt").Select(r => r.WikiLink!.Value.Range),
            markdownOnly.LinksTo("plan.txt").Select(r => r.WikiLink!.Value.Range));
        (freshTarget, freshSource) = Fresh();
        var expected = VaultSnapshot.Build([freshTarget, freshSource], [".md", ".txt"]).LinksTo("plan.txt").Select(r => r.WikiLink!.Value.Range).ToList();
        Assert.Equal(expected, both.LinksTo("plan.txt").Select(r => r.WikiLink!.Value.Range));
        Assert.Equal(expected, bothAgain.LinksTo("plan.txt").Select(r => r.WikiLink!.Value.Range));
        Assert.NotEmpty(expected);
    }

    [Fact]
    public void A_link_whose_whole_target_and_last_segment_are_both_names_of_the_note_is_found_once()
    {
        var target = NoteParser.Parse("x.md", "---\naliases: [x x]\n---\n");
        var source = NoteParser.Parse("a.md", "[[x/x]] [[x]] [[y/x]]\n");
        var snapshot = VaultSnapshot.Build([target, source]);

        var found = NoteReferences.ToNote(snapshot, target, null, false);

        Assert.Equal(found.Count, found.Distinct().Count());
        Assert.Equal(found.OrderBy(r => r.Range.Start).ToList(), found);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(150)] // past the table's small-note sort
    public void A_note_with_many_links_in_any_order_gives_each_target_exactly_its_links_in_order(int links)
    {
        var targets = new[] { "x/x", "Zeta", "alpha", "x", "sub/alpha", "ALPHA", "beta.md", "sub/beta" };
        var random = new Random(links);
        var chosen = Enumerable.Range(0, links).Select(_ => targets[random.Next(targets.Length)]).ToList();
        var source = NoteParser.Parse("source.md", string.Join("\n", chosen.Select(t => $"see [[{t}]] here")) + "\n");
        var notes = new[] { "x.md", "zeta.md", "alpha.md", "sub/alpha.md", "sub/beta.md" }.Select(p => NoteParser.Parse(p, "")).ToList();
        var snapshot = VaultSnapshot.Build([source, .. notes]);

        var indexed = snapshot.GetNote("source.md")!;
        foreach (var note in notes)
        {
            var found = NoteReferences.ToNote(snapshot, snapshot.GetNote(note.Path)!, null, false);
            // The oracle: every link of the note resolved one by one, no table involved.
            var expected = indexed.WikiLinks
                .Where(link => snapshot.Resolve(indexed, link).Target?.Path == note.Path)
                .Select(link => link.Range.Start.Line).ToList();
            Assert.Equal(expected, found.Select(r => r.Range.Start.Line).ToList());
        }
        Assert.Contains(notes, note => NoteReferences.ToNote(snapshot, snapshot.GetNote(note.Path)!, null, false).Count > 1);
    }
}
