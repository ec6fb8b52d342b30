using NoteLsp.Core.Index;
using NoteLsp.Core.Names;
using NoteLsp.Core.Paths;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>
/// `[text](` completion: every note's path relative to the current note that the typed text matches, ranked by
/// <see cref="FuzzyMatch"/> tier (a raw prefix of the relative path counts as a prefix), then by depth, then ordinally.
/// </summary>
/// <remarks>
/// The ranking is that of scoring every relative path with <see cref="FuzzyMatch.Score"/>, without building one:
/// a relative path is "../" once per folder of the current note's folder left, then the note's path after the folders
/// both share, so its key is a suffix of the note's path key (<see cref="NotePathIndex"/>, built once). Per note this
/// costs a character-mask test and, for the few that pass, a prefix / word-start / in-order test on that suffix; only
/// the best <c>maxItems</c> are kept (a bounded heap), and only they get a relative path written out.
/// </remarks>
internal static class PathCompletion
{
    /// <summary>A matching note: the relative path is Relative, or "../" × Ups + the note's path from CommonChars on.</summary>
    private readonly record struct Match(int Note, int Score, int Depth, int Ups, int CommonChars, string? Relative);

    /// <summary>Where the notes of one folder stand from the current note's folder.</summary>
    private readonly record struct FolderPlace(int Ups, int CommonChars, int CommonKeys, int Depth);

    public static NoteCompletionResult Complete(VaultSnapshot snapshot, string notePath, string typed, TextRange range, int maxItems)
    {
        var index = snapshot.NotePaths;
        var directory = VaultPaths.DirectoryOf(notePath);
        var decodedTyped = Uri.UnescapeDataString(typed);
        var query = NoteNames.Key(decodedTyped);
        var queryMask = NameIndex.CharacterMask(query);
        var places = Places(index, directory.Split('/', StringSplitOptions.RemoveEmptyEntries));

        var worstFirst = Comparer<Match>.Create((a, b) => Compare(index, b, a));
        var best = new PriorityQueue<Match, Match>(worstFirst);
        var matchCount = 0;
        for (var i = 0; i < index.Count; i++)
        {
            var path = index.Paths[i];
            if (path == notePath) continue;
            Match match;
            if (index.Irregular[i])
            {
                var relative = NoteFileMoves.RelativePath(directory, path);
                int? slowScore = relative.StartsWith(decodedTyped, StringComparison.OrdinalIgnoreCase) ? FuzzyMatch.Prefix : FuzzyMatch.Score(query, relative);
                if (slowScore is not { } s) continue;
                match = new Match(i, s, relative.Count(c => c == '/'), 0, 0, relative);
            }
            else
            {
                var place = places[index.FolderOf[i]];
                var score = Score(index, i, place, decodedTyped, query, queryMask);
                if (score < 0) continue;
                match = new Match(i, score, place.Depth, place.Ups, place.CommonChars, null);
            }
            matchCount++;
            if (maxItems <= 0) continue;
            if (best.Count < maxItems) best.Enqueue(match, match);
            else if (Compare(index, match, best.Peek()) < 0) best.EnqueueDequeue(match, match);
        }

        var ranked = new Match[best.Count];
        for (var k = ranked.Length - 1; k >= 0; k--) ranked[k] = best.Dequeue();
        var items = new List<NoteCompletionItem>(ranked.Length);
        foreach (var match in ranked)
        {
            var path = index.Paths[match.Note];
            var relative = match.Relative ?? string.Concat(string.Concat(Enumerable.Repeat("../", match.Ups)), path.AsSpan(match.CommonChars));
            var linkPath = NoteRename.EncodeLinkPath(relative);
            items.Add(new NoteCompletionItem(CompletionItemKind.Path, linkPath, linkPath, snapshot.GetNote(path)?.Title, null, range));
        }
        return new NoteCompletionResult(items, matchCount > maxItems);
    }

    /// <summary>For each folder: how many folders up from the current note's folder, and the chars / key it shares with it.</summary>
    private static FolderPlace[] Places(NotePathIndex index, string[] directory)
    {
        var places = new FolderPlace[index.Folders.Length];
        for (var f = 0; f < places.Length; f++)
        {
            var folder = index.Folders[f];
            var common = 0;
            while (common < directory.Length && common < folder.Segments.Length && directory[common] == folder.Segments[common]) common++;
            var ups = directory.Length - common;
            places[f] = new FolderPlace(ups, folder.PrefixChars[common], folder.PrefixKeys[common], ups + folder.Segments.Length - common);
        }
        return places;
    }

    /// <summary>The <see cref="FuzzyMatch"/> tier of the note's relative path, or -1 when it does not match.</summary>
    private static int Score(NotePathIndex index, int note, FolderPlace place, string typed, string query, ulong queryMask)
    {
        var path = index.Paths[note];
        if (RelativeStartsWith(path, place, typed) || query.Length == 0) return FuzzyMatch.Prefix;
        if ((index.Masks[note] & queryMask) != queryMask) return -1;
        var key = index.Keys[note];
        if (key.AsSpan(place.CommonKeys).StartsWith(query, StringComparison.Ordinal)) return FuzzyMatch.Prefix;
        for (var w = index.WordStartFrom[note]; w < index.WordStartFrom[note + 1]; w++)
        {
            // A word starting where the relative path's tail starts is a prefix already; earlier ones are not in it.
            if (index.WordStartChars[w] > place.CommonChars && key.AsSpan(index.WordStartKeys[w]).StartsWith(query, StringComparison.Ordinal))
            {
                return FuzzyMatch.WordStart;
            }
        }
        return FuzzyMatch.IsSubsequence(query, key.AsSpan(place.CommonKeys)) ? FuzzyMatch.Subsequence : -1;
    }

    /// <summary>Whether "../" × Ups + the path's tail starts with the typed text, case ignored ('.' and '/' have no case).</summary>
    private static bool RelativeStartsWith(string path, FolderPlace place, string typed)
    {
        var dots = 3 * place.Ups;
        var shared = Math.Min(typed.Length, dots);
        for (var i = 0; i < shared; i++)
        {
            if (typed[i] != "../"[i % 3]) return false;
        }
        return typed.Length <= dots || path.AsSpan(place.CommonChars).StartsWith(typed.AsSpan(dots), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Tier, then depth, then the relative paths ordinally.</summary>
    private static int Compare(NotePathIndex index, Match a, Match b)
    {
        if (a.Score != b.Score) return a.Score.CompareTo(b.Score);
        if (a.Depth != b.Depth) return a.Depth.CompareTo(b.Depth);
        var pathA = index.Paths[a.Note];
        var pathB = index.Paths[b.Note];
        if (a.Relative is null && b.Relative is null && a.Ups == b.Ups)
        {
            return pathA.AsSpan(a.CommonChars).SequenceCompareTo(pathB.AsSpan(b.CommonChars));
        }
        var lengthA = a.Relative?.Length ?? 3 * a.Ups + pathA.Length - a.CommonChars;
        var lengthB = b.Relative?.Length ?? 3 * b.Ups + pathB.Length - b.CommonChars;
        for (var i = 0; i < lengthA && i < lengthB; i++)
        {
            var difference = CharAt(a, pathA, i) - CharAt(b, pathB, i);
            if (difference != 0) return difference;
        }
        return lengthA - lengthB;
    }

    private static char CharAt(Match match, string path, int i) =>
        match.Relative is { } relative ? relative[i] : i < 3 * match.Ups ? "../"[i % 3] : path[match.CommonChars + i - 3 * match.Ups];
}
