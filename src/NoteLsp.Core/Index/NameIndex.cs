using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Index;

/// <summary>How well a typed query matched a name: a prefix beats a word start, which beats letters in order.</summary>
public enum NameMatch { Prefix = 0, WordStart = 1, Subsequence = 2 }

/// <summary>One name a note answers to, as completion and "did you mean" search them.</summary>
/// <param name="Popularity">how many notes link to one of the note's names when the index was built (ranking only)</param>
public readonly record struct NameEntry(string Key, string Name, string Path, MatchRank Rank, int Popularity);

/// <summary>
/// Every name (stem, title, alias) of every note sorted by key, so completion finds prefix matches by binary search
/// instead of walking 100,000 notes per keystroke. Word starts are precomputed for the "scal" in "AI scaling" tier.
/// Built lazily and shared by every later snapshot until a name changes (most edits only touch a note's body), so
/// entries hold paths, not notes, and popularity is a ranking hint that may lag behind link edits.
/// </summary>
public sealed class NameIndex
{
    private readonly NameEntry[] _entries;

    /// <summary>For each entry, the key offsets where a later word of its name starts, as chars (compact).</summary>
    private readonly string[] _wordStarts;

    /// <summary>For each entry, which characters its key holds (<see cref="CharacterMask"/>): a cheap first test for the scan.</summary>
    private readonly ulong[] _masks;

    /// <summary>Entry indexes, most popular first: the answer to an empty query.</summary>
    private readonly int[] _byPopularity;

    /// <summary>
    /// Notes whose names changed since the arrays were built: their entries in the arrays are skipped, and their
    /// current names are in <see cref="_overlay"/>. Null for an index built from scratch.
    /// </summary>
    private readonly HashSet<string>? _hidden;

    private readonly NameIndex? _overlay;

    /// <summary>Past this many notes with changed names, an index is built from scratch again.</summary>
    internal const int MaxOverlay = 64;

    private NameIndex(NameIndex shared, HashSet<string> hidden, NameIndex overlay)
    {
        _entries = shared._entries;
        _wordStarts = shared._wordStarts;
        _masks = shared._masks;
        _byPopularity = shared._byPopularity;
        _sharedDistinctKeys = shared._sharedDistinctKeys;
        _hidden = hidden;
        _overlay = overlay;
    }

    private NameIndex(NameEntry[] entries, string[] wordStarts)
    {
        _entries = entries;
        _wordStarts = wordStarts;
        _masks = Array.ConvertAll(entries, e => CharacterMask(e.Key));
        _byPopularity = Enumerable.Range(0, entries.Length)
            .OrderByDescending(i => entries[i].Popularity)
            .ThenBy(i => entries[i].Rank)
            .ThenBy(i => entries[i].Path, StringComparer.Ordinal)
            .ToArray();
        _sharedDistinctKeys = entries.Select(e => e.Key).Distinct().ToArray();
    }

    private readonly string[] _sharedDistinctKeys;

    /// <summary>The entry array every index derived from one build shares: a cache over all names keys on it.</summary>
    internal object SharedIdentity => _entries;

    /// <summary>The entries of the shared arrays (those of notes changed since may be stale: callers resolve each key).</summary>
    internal IReadOnlyList<NameEntry> SharedEntries => _entries;

    /// <summary>The current names of the notes changed since the shared arrays were built (none for an index built from scratch).</summary>
    internal IEnumerable<NameEntry> OverlayEntries => _overlay?._entries ?? [];

    /// <summary>
    /// Every distinct name key (for name suggestions). After names changed, keys no note has any more may remain:
    /// a caller resolves each key anyway.
    /// </summary>
    public IEnumerable<string> DistinctKeys =>
        _overlay is null ? _sharedDistinctKeys : _sharedDistinctKeys.Concat(_overlay._sharedDistinctKeys.Where(k => !HasSharedKey(k)));

    private bool HasSharedKey(string key)
    {
        var index = LowerBound(key);
        return index < _entries.Length && _entries[index].Key == key;
    }

    /// <summary>
    /// This index after the names of some notes changed (added, renamed, removed): shares the big arrays and keeps
    /// the changed notes' names in a small overlay, so an edit to a title costs O(changed), not a rebuild of 100,000
    /// names. Null when too many notes changed since the arrays were built: then build from scratch.
    /// </summary>
    /// <param name="changedPaths">notes whose names changed</param>
    /// <param name="current">a note's current version, null when it is gone</param>
    internal NameIndex? With(IEnumerable<string> changedPaths, Func<string, ParsedNote?> current, Func<ParsedNote, int> popularity)
    {
        var hidden = _hidden is null ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(_hidden, StringComparer.Ordinal);
        hidden.UnionWith(changedPaths);
        if (hidden.Count > MaxOverlay) return null;
        var notes = hidden.Select(current).OfType<ParsedNote>().ToList();
        return new NameIndex(this, hidden, Build(notes, popularity));
    }

    internal static NameIndex Build(IEnumerable<ParsedNote> notes, Func<ParsedNote, int> popularity)
    {
        var entries = new List<(NameEntry Entry, string WordStarts)>();
        foreach (var note in notes)
        {
            var popular = popularity(note);
            Add(note.Stem, MatchRank.Stem);
            if (note.Title != note.Stem) Add(note.Title, MatchRank.Title);
            foreach (var alias in note.Aliases) Add(alias.Value, MatchRank.Alias);

            void Add(string name, MatchRank rank)
            {
                // Pooled: the same keys as the snapshot's name maps (and every other note titled alike).
                var key = NoteNames.PooledKey(name);
                if (key.Length > 0) entries.Add((new NameEntry(key, name, note.Path, rank, popular), WordStarts(name, key)));
            }
        }
        return FromEntries(entries);
    }

    /// <summary>
    /// An index over bare names with no note behind them (the targets links wait for, docs/notes-format.md §12): each
    /// entry's Path is the name itself, its Popularity the count given.
    /// </summary>
    internal static NameIndex BuildNames(IEnumerable<(string Name, int Popularity)> names)
    {
        var entries = new List<(NameEntry Entry, string WordStarts)>();
        foreach (var (name, popularity) in names)
        {
            var key = NoteNames.PooledKey(name);
            if (key.Length > 0) entries.Add((new NameEntry(key, name, name, MatchRank.None, popularity), WordStarts(name, key)));
        }
        return FromEntries(entries);
    }

    private static NameIndex FromEntries(List<(NameEntry Entry, string WordStarts)> entries)
    {
        entries.Sort((a, b) => string.CompareOrdinal(a.Entry.Key, b.Entry.Key));
        return new NameIndex(entries.Select(e => e.Entry).ToArray(), entries.Select(e => e.WordStarts).ToArray());
    }

    /// <summary>Key offsets of the words after the first ("AI scaling" → the offset of "scaling" in "aiscaling").</summary>
    private static string WordStarts(string name, string key)
    {
        Span<char> offsets = stackalloc char[16];
        var count = 0;
        for (var i = 1; i < name.Length && count < offsets.Length; i++)
        {
            var startsWord = char.IsLetterOrDigit(name[i])
                && (!char.IsLetterOrDigit(name[i - 1]) || char.IsUpper(name[i]) && char.IsLower(name[i - 1]));
            if (!startsWord) continue;
            var offset = NoteNames.Key(name[..i]).Length;
            if (offset > 0 && offset < key.Length && offset <= char.MaxValue && (count == 0 || offsets[count - 1] != offset))
            {
                offsets[count++] = (char)offset;
            }
        }
        // Most names share a handful of word patterns: one copy of each.
        return count == 0 ? "" : StringPool.Intern(offsets[..count]);
    }

    /// <summary>
    /// Entries matching the query key, with how they matched; an empty query matches every entry, most popular first.
    /// Stops once <paramref name="enough"/> entries are found (the caller then reports the list as incomplete), but
    /// always finishes the prefix tier so a prefix match is never lost to a weaker one.
    /// </summary>
    public IEnumerable<(NameEntry Entry, NameMatch Match)> Search(string queryKey, int enough)
    {
        // Callers rank what they get, so the overlay's matches can simply follow the shared arrays'.
        var shared = SearchShared(queryKey, enough);
        if (_hidden is null || _overlay is null) return shared;
        return shared.Where(m => !_hidden.Contains(m.Entry.Path)).Concat(_overlay.Search(queryKey, enough));
    }

    private IEnumerable<(NameEntry Entry, NameMatch Match)> SearchShared(string queryKey, int enough)
    {
        if (queryKey.Length == 0)
        {
            foreach (var index in _byPopularity.Take(enough)) yield return (_entries[index], NameMatch.Prefix);
            yield break;
        }
        var found = 0;
        var first = LowerBound(queryKey);
        var afterPrefix = first;
        while (afterPrefix < _entries.Length && _entries[afterPrefix].Key.StartsWith(queryKey, StringComparison.Ordinal))
        {
            yield return (_entries[afterPrefix], NameMatch.Prefix);
            afterPrefix++;
            found++;
        }
        if (found >= enough) yield break;

        // Fewer prefix matches than wanted: one pass over the rest for word starts and letters in order. Both need
        // every character of the query in the key, which one AND on the masks tells for most keys (100,000 notes).
        var queryMask = CharacterMask(queryKey);
        for (var i = 0; i < _entries.Length && found < enough; i++)
        {
            if (i == first) i = afterPrefix;
            if (i >= _entries.Length) break;
            if ((_masks[i] & queryMask) != queryMask) continue;
            var key = _entries[i].Key;
            if (StartsAtWord(key, _wordStarts[i], queryKey))
            {
                found++;
                yield return (_entries[i], NameMatch.WordStart);
            }
            else if (IsSubsequence(queryKey, key))
            {
                found++;
                yield return (_entries[i], NameMatch.Subsequence);
            }
        }
    }

    /// <summary>One bit per ASCII letter and digit of a key, one more for any other character.</summary>
    internal static ulong CharacterMask(string key)
    {
        ulong mask = 0;
        foreach (var c in key)
        {
            mask |= c switch
            {
                >= 'a' and <= 'z' => 1UL << (c - 'a'),
                >= '0' and <= '9' => 1UL << (26 + c - '0'),
                _ => 1UL << 63,
            };
        }
        return mask;
    }

    private int LowerBound(string key)
    {
        int low = 0, high = _entries.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (string.CompareOrdinal(_entries[mid].Key, key) < 0) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    private static bool StartsAtWord(string key, string wordStarts, string query)
    {
        foreach (var offset in wordStarts)
        {
            if (key.AsSpan(offset).StartsWith(query, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static bool IsSubsequence(string query, string text)
    {
        if (query.Length > text.Length) return false;
        var q = 0;
        for (var t = 0; t < text.Length && q < query.Length; t++)
        {
            if (text[t] == query[q]) q++;
        }
        return q == query.Length;
    }
}
