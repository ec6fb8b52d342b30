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
}
