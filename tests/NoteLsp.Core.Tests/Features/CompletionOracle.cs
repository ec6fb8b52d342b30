using NoteLsp.Core.Features;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Paths;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

/// <summary>
/// The algorithms completion used before it was indexed (issue 17), kept as test oracles: the fast paths must give
/// exactly their lists.
/// </summary>
internal static class CompletionOracle
{
    /// <summary>`[text](` completion as it was: every note's relative path written out and scored, then all sorted.</summary>
    public static NoteCompletionResult Paths(VaultSnapshot snapshot, string notePath, string typed, TextRange range, int maxItems)
    {
        var directory = VaultPaths.DirectoryOf(notePath);
        var decodedTyped = Uri.UnescapeDataString(typed);
        var query = NoteNames.Key(decodedTyped);
        var matches = new List<(ParsedNote Note, string Relative, int Score)>();
        foreach (var note in snapshot.Notes)
        {
            if (note.Path == notePath) continue;
            var relative = NoteFileMoves.RelativePath(directory, note.Path);
            int? score = relative.StartsWith(decodedTyped, StringComparison.OrdinalIgnoreCase) ? FuzzyMatch.Prefix : FuzzyMatch.Score(query, relative);
            if (score is { } s) matches.Add((note, relative, s));
        }
        var ranked = matches.OrderBy(m => m.Score).ThenBy(m => m.Relative.Count(c => c == '/')).ThenBy(m => m.Relative, StringComparer.Ordinal).ToList();
        var items = ranked.Take(maxItems)
            .Select(m => new NoteCompletionItem(CompletionItemKind.Path, NoteRename.EncodeLinkPath(m.Relative), NoteRename.EncodeLinkPath(m.Relative), m.Note.Title, null, range))
            .ToList();
        return new NoteCompletionResult(items, ranked.Count > maxItems);
    }

    /// <summary>`[[` completion of note names as it was: ranked afresh on every request, the current note left out first.</summary>
    public static NoteCompletionResult Notes(VaultSnapshot snapshot, string notePath, string typed, TextRange range, string close, int maxItems)
    {
        var query = NoteNames.Key(typed);
        var best = new Dictionary<string, (NameEntry Entry, NameMatch Match)>(StringComparer.Ordinal);
        foreach (var (entry, match) in snapshot.Names.Search(query, NoteCompletion.MaxCandidates))
        {
            if (entry.Path == notePath) continue;
            if (!best.TryGetValue(entry.Path, out var current) || Better(entry, match, current.Entry, current.Match)) best[entry.Path] = (entry, match);
        }

        bool Better(NameEntry entry, NameMatch match, NameEntry current, NameMatch currentMatch)
        {
            if (match != currentMatch) return match < currentMatch;
            var spelled = entry.Name.StartsWith(typed, StringComparison.Ordinal);
            var currentSpelled = current.Name.StartsWith(typed, StringComparison.Ordinal);
            if (spelled != currentSpelled) return spelled;
            return entry.Rank < current.Rank;
        }
        var ranked = best.Values
            .OrderBy(m => m.Match)
            .ThenByDescending(m => m.Entry.Popularity)
            .ThenBy(m => m.Entry.Name.Length)
            .ThenBy(m => m.Entry.Path, StringComparer.Ordinal)
            .Take(maxItems);
        var items = new List<NoteCompletionItem>(maxItems);
        foreach (var (entry, _) in ranked)
        {
            if (snapshot.GetNote(entry.Path) is not { } note) continue;
            items.Add(new NoteCompletionItem(CompletionItemKind.Note, note.Title, NoteCompletion.LinkTextFor(snapshot, note, entry) + close, note.Path, entry.Name, range));
        }
        return new NoteCompletionResult(Unwritten(snapshot, typed, range, close, items, maxItems), IsIncomplete: true);
    }

    private static List<NoteCompletionItem> Unwritten(VaultSnapshot snapshot, string typed, TextRange range, string close, List<NoteCompletionItem> noteItems, int maxItems)
    {
        var room = Math.Min(UnwrittenNotes.MaxCompletionItems, maxItems);
        if (room <= 0) return noteItems;
        var ranked = snapshot.UnwrittenTargets.Search(NoteNames.Key(typed), NoteCompletion.MaxCandidates)
            .Select(m => (m.Entry, m.Match, Notes: snapshot.NotesLinkingToKey(m.Entry.Key)))
            .Where(m => m.Notes > 0)
            .OrderBy(m => m.Match)
            .ThenByDescending(m => m.Notes)
            .ThenBy(m => m.Entry.Name.Length)
            .ThenBy(m => m.Entry.Name, StringComparer.Ordinal)
            .Take(room)
            .ToList();
        if (ranked.Count == 0) return noteItems;
        var result = noteItems.Take(maxItems - ranked.Count).ToList();
        foreach (var (entry, _, notes) in ranked)
        {
            var links = snapshot.BrokenLinksWithKey(entry.Key).Count;
            if (links == 0) continue;
            result.Add(new NoteCompletionItem(CompletionItemKind.Unwritten, entry.Name, entry.Name + close, UnwrittenNotes.Describe(links, notes), entry.Name, range));
        }
        return result;
    }
}
