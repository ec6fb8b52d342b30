using NoteLsp.Core.Features;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

/// <summary>
/// `[[` completion keeps the bare ranking with the name index and the unwritten-target index; these compare it with
/// ranking afresh on every request (<see cref="CompletionOracle"/>) from many notes, through edits that keep or
/// replace those indexes.
/// </summary>
public class NoteCompletionPropertyTests
{
    private static void AssertSameAsOracle(TestVault vault, string notePath, string typed, int maxItems)
    {
        var line = "see [[" + typed;
        var position = new TextPosition(1, line.Length);
        var range = new TextRange(position with { Character = line.Length - typed.TrimStart().Length }, position);
        var expected = CompletionOracle.Notes(vault.Snapshot, notePath, typed.Trim(), range, "]]", maxItems);
        var actual = NoteCompletion.Complete(vault.Snapshot, vault.Snapshot.GetNote(notePath), notePath, line, position, maxItems);
        Assert.True(expected.Items.SequenceEqual(actual.Items),
            $"\"[[{typed}\" in {notePath}, {maxItems} items: expected\n{string.Join('\n', expected.Items.Select(i => $"{i.Label} -> {i.NewText} ({i.Detail})"))}\nbut got\n{string.Join('\n', actual.Items.Select(i => $"{i.Label} -> {i.NewText} ({i.Detail})"))}");
        Assert.Equal(expected.IsIncomplete, actual.IsIncomplete);
    }

    [Fact]
    public void Bare_and_typed_note_completion_list_exactly_what_ranking_afresh_lists_through_edits()
    {
        var random = new Random(5);
        var notes = Enumerable.Range(0, 80).Select(i =>
        {
            var links = string.Join(' ', Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(3) == 0 ? $"[[wanted {random.Next(15)}]]" : $"[[note{random.Next(80)}]]"));
            var front = random.Next(4) == 0 ? $"---\ntitle: Title {i % 7}\naliases: [Alias{i % 5}]\n---\n" : "";
            return ($"{(i % 3 == 0 ? "sub/" : "")}note{i}.md", $"{front}# Note {i}\n{links}\n");
        }).ToArray();
        var vault = TestVault.Of(notes);
        var paths = notes.Select(n => n.Item1).ToList();
        for (var step = 0; step < 40; step++)
        {
            foreach (var notePath in paths.OrderBy(_ => random.Next()).Take(6).Append("not indexed.md"))
            {
                foreach (var typed in new[] { "", " ", "no", "note1", "Ti", "wan", "-" })
                {
                    AssertSameAsOracle(vault, notePath, typed, new[] { 50, 5, 1, 0, 1000 }[random.Next(5)]);
                }
            }
            var path = paths[random.Next(paths.Count)];
            vault = random.Next(5) switch
            {
                0 => vault.Without(path),
                1 => vault.With(path, $"---\ntitle: Retitled {step}\n---\n[[note{random.Next(80)}]]\n"),
                2 => vault.With(path, $"# Body only {step}\n[[wanted {random.Next(20)}]] [[note{random.Next(80)}]]\n"),
                3 => vault.With(path, vault.Texts.GetValueOrDefault(path, "") + "\nmore prose\n"),
                _ => vault.With($"new{step}.md", $"# New {step}\n[[note{random.Next(80)}]] [[wanted {random.Next(20)}]]\n"),
            };
        }
    }
}
