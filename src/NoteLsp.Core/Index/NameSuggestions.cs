using NoteLsp.Core.Names;

namespace NoteLsp.Core.Index;

/// <summary>
/// "Did you mean" names for a broken link, computed on demand (a code action), never per keystroke:
/// it looks at every name key of the vault.
/// </summary>
public static class NameSuggestions
{
    /// <summary>
    /// Up to max link targets close to the broken target, closest first: existing stems, titles or aliases whose key starts
    /// with / contains the target's key (or the other way round), then those within a small edit distance. Each
    /// suggestion resolves to exactly one note (a name shared by several notes is offered path-qualified).
    /// </summary>
    public static IReadOnlyList<string> Closest(VaultSnapshot snapshot, string target, int max)
    {
        if (max <= 0) return [];
        var text = VaultSnapshot.StripNoteExtension(target.Trim(), snapshot.NoteExtensions);
        // For "folder/name" the name is what was probably mistyped.
        var query = NoteNames.Key(text[(text.LastIndexOf('/') + 1)..]);
        if (query.Length == 0) return [];

        var scored = new List<(string Key, int Score)>();
        foreach (var key in snapshot.AllNameKeys())
        {
            var score = KeyDistance.Score(query, key);
            if (score < int.MaxValue) scored.Add((key, score));
        }
        var ranked = scored.OrderBy(x => x.Score).ThenBy(x => x.Key, StringComparer.Ordinal);

        // One suggestion per note: its closest name (a note's stem and title are often both close).
        var result = new List<string>();
        var seenNotes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in ranked)
        {
            foreach (var (name, path) in NamesFor(snapshot, key))
            {
                if (seenNotes.Add(path)) result.Add(name);
                if (result.Count == max) return result;
            }
        }
        return result;
    }

    /// <summary>How to write a link to the notes with this key: the name itself when one note answers to it, else each note's unique target.</summary>
    private static IEnumerable<(string Name, string Path)> NamesFor(VaultSnapshot snapshot, string key)
    {
        var (rank, candidates) = snapshot.MatchName(key);
        if (candidates.Length == 1)
        {
            var note = candidates[0];
            yield return (rank switch
            {
                MatchRank.Stem => note.Stem,
                MatchRank.Title => note.Title,
                _ => note.Aliases.First(a => NoteNames.Key(a.Value) == key).Value,
            }, note.Path);
            yield break;
        }
        foreach (var note in candidates)
        {
            if (LinkTargets.ShortestUniqueTarget(snapshot, note) is { } unique) yield return (unique, note.Path);
        }
    }
}
