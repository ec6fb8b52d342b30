using NoteLsp.Core.Features;
using NoteLsp.Core.Paths;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

/// <summary>
/// `[text](` completion answers from a per-snapshot path index; these compare it with the old algorithm
/// (<see cref="CompletionOracle"/>) on generated vaults, for many typed texts and current notes.
/// </summary>
public class PathCompletionPropertyTests
{
    // Names with what the scoring is sensitive to: case, camelCase word starts, digits, blanks, dots, accents (composed
    // and decomposed), a ligature, letters whose case folds unusually, and characters the key drops.
    private static readonly string[] Words =
    [
        "alpha", "Beta", "gammaRay", "AI scaling", "ai", "a.i", "rosé", "rose\u0301", "ﬁle", "Işık", "K\u212Aelvin", "2024-01",
        "notes", "Notes", "deep dive", "x", "über", "日本語", "ai_notes", "A-I", "#tag", "100%", "ÅngströM",
    ];

    private static TestVault GeneratedVault(Random random, int count)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        while (paths.Count < count)
        {
            var depth = random.Next(4);
            var segments = Enumerable.Range(0, depth).Select(_ => Words[random.Next(6) + random.Next(Words.Length - 6) * random.Next(2)]).ToList();
            segments.Add(Words[random.Next(Words.Length)] + (random.Next(3) == 0 ? random.Next(10).ToString() : "") + (random.Next(5) == 0 ? ".markdown" : ".md"));
            paths.Add(string.Join('/', segments));
        }
        return TestVault.Of([.. paths.Select(p => (p, $"# {p}\n"))]);
    }

    private static IEnumerable<string> TypedTexts(Random random, TestVault vault, string notePath)
    {
        yield return "";
        yield return "../";
        yield return "../../";
        yield return "./";
        yield return "%20";
        yield return "ros%C3%A9";
        var paths = vault.Snapshot.Notes.Select(n => n.Path).ToList();
        for (var i = 0; i < 40; i++)
        {
            var relative = NoteFileMoves.RelativePath(VaultPaths.DirectoryOf(notePath), paths[random.Next(paths.Count)]);
            var start = random.Next(3) == 0 ? random.Next(relative.Length) : 0;
            var text = relative.Substring(start, random.Next(relative.Length - start + 1));
            yield return random.Next(4) switch
            {
                0 => text.ToUpperInvariant(),
                1 => new string(text.Where((_, k) => k % 2 == 0).ToArray()), // letters in order only
                _ => text,
            };
        }
        for (var i = 0; i < 10; i++) yield return new string(Enumerable.Range(0, random.Next(1, 4)).Select(_ => "aeiostrnkı1. /"[random.Next(14)]).ToArray());
    }

    private static void AssertSameAsOracle(TestVault vault, string notePath, string typed, int maxItems)
    {
        // A blank ends the link and "#" starts its anchor: in a path, users type them encoded.
        typed = typed.Replace(" ", "%20", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal);
        var line = "see [x](" + typed;
        var position = new TextPosition(3, line.Length);
        var range = new TextRange(position with { Character = line.Length - typed.Length }, position);
        var expected = CompletionOracle.Paths(vault.Snapshot, notePath, typed, range, maxItems);
        var actual = NoteCompletion.Complete(vault.Snapshot, vault.Snapshot.GetNote(notePath), notePath, line, position, maxItems);
        var context = $"typed \"{typed}\" in {notePath}, {maxItems} items";
        Assert.True(expected.Items.SequenceEqual(actual.Items), $"{context}: expected\n{string.Join('\n', expected.Items.Select(i => i.NewText))}\nbut got\n{string.Join('\n', actual.Items.Select(i => i.NewText))}");
        Assert.True(expected.IsIncomplete == actual.IsIncomplete, $"{context}: incomplete {expected.IsIncomplete} expected");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Path_completion_lists_exactly_what_scoring_every_relative_path_lists(int seed)
    {
        var random = new Random(seed);
        var vault = GeneratedVault(random, 300);
        var notePaths = vault.Snapshot.Notes.Select(n => n.Path).ToList();
        notePaths.Add("not/in/the vault.md"); // a note not indexed yet
        notePaths.Add("top level.md");
        for (var n = 0; n < 12; n++)
        {
            var notePath = notePaths[random.Next(notePaths.Count)];
            foreach (var typed in TypedTexts(random, vault, notePath))
            {
                AssertSameAsOracle(vault, notePath, typed, new[] { 50, 50, 5, 1, 0, 1000 }[random.Next(6)]);
            }
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void Path_completion_follows_notes_added_renamed_and_removed_after_it_was_first_asked(int seed)
    {
        // Each ask after a note is added or removed derives the path index from the last one (the other notes' entries
        // copied): new folders, odd names and empty segments included, one change or several between two asks.
        var random = new Random(seed);
        var vault = GeneratedVault(random, 120);
        var paths = vault.Snapshot.Notes.Select(n => n.Path).ToList();
        AssertSameAsOracle(vault, paths[0], "", 1000);
        for (var step = 0; step < 40; step++)
        {
            for (var change = random.Next(1, 4); change > 0; change--)
            {
                var path = paths[random.Next(paths.Count)];
                var word = Words[random.Next(Words.Length)];
                vault = random.Next(5) switch
                {
                    0 => vault.Without(path),
                    1 => vault.With(path, "---\ntitle: Retitled " + step + "\n---\n"), // a name change that keeps every path
                    2 => vault.With(path, "body only " + step),
                    3 => vault.With($"{word}/{step} {word}.md", "# Added\n"), // often a folder no note was in
                    _ => vault.With(random.Next(2) == 0 ? $"added/{step} ai.md" : $"odd//{word} {step}.md", "# Added\n"),
                };
            }
            paths = vault.Snapshot.Notes.Select(n => n.Path).ToList();
            var notePath = paths[random.Next(paths.Count)];
            foreach (var typed in new[] { "", "a", "ai", "../", "added/", "odd", Words[random.Next(Words.Length)] }) AssertSameAsOracle(vault, notePath, typed, 1000);
        }
    }

    [Fact]
    public void Paths_with_empty_segments_are_scored_like_any_other()
    {
        var vault = TestVault.Of(("a//b.md", "# B\n"), ("/lead.md", "# Lead\n"), ("a/c.md", "# C\n"), ("x/y/z.md", "# Z\n"));
        foreach (var notePath in new[] { "a/c.md", "x/y/z.md", "a//b.md", "/lead.md" })
        {
            foreach (var typed in new[] { "", "b", "../", "lead", "a/", "/", "z" }) AssertSameAsOracle(vault, notePath, typed, 50);
        }
    }
}
