using System.Collections.Immutable;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;

namespace NoteLsp.Core.Index;

/// <summary>A tag of the vault: its key, its spelling (as the first note in path order writes it) and how many notes carry it.</summary>
public sealed record TagInfo(string Key, string Name, int NoteCount);

/// <summary>The tag index of a snapshot (docs/notes-format.md §14): tag key → notes, and the cached list of every tag.</summary>
/// <remarks>
/// Maintained like the link index: a note's entries are a pure function of the note, so the editor removes the old
/// note's keys and adds the new one's, O(tags of the note · log n). The sorted list of tags is built on first use and
/// handed on to the next snapshot while no note's tags change (typing prose changes none).
/// </remarks>
public sealed partial class VaultSnapshot
{
    /// <summary>Tag key → paths of the notes carrying the tag (inline or in the front matter).</summary>
    private PathMap NotesByTag { get; init; } = PathMap.Empty(StringComparer.Ordinal); // not a static of this class: Empty may be built before it

    private TagCache Tags { get; init; } = new();

    private sealed class TagCache
    {
        public ImmutableArray<TagInfo>? ByKey;
        public ImmutableArray<TagInfo>? ByUse;
    }

    /// <summary>The distinct tag keys of a note.</summary>
    internal static IEnumerable<string> TagKeys(ParsedNote note)
    {
        if (note.TagOccurrences.IsEmpty) return [];
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in note.TagOccurrences) keys.Add(TagNames.Key(tag.Name));
        return keys;
    }

    /// <summary>Whether two versions of a note write the same tags (so the cached list of tags stays valid).</summary>
    private static bool SameTags(ParsedNote before, ParsedNote after) =>
        before.TagOccurrences.Length == after.TagOccurrences.Length
        && before.TagOccurrences.Select(t => t.Name).SequenceEqual(after.TagOccurrences.Select(t => t.Name), StringComparer.Ordinal);

    /// <summary>How many notes carry the tag (by key); its children (<c>a/b</c> of <c>a</c>) are other tags.</summary>
    public int TagNoteCount(string key) => PathSets.Get(NotesByTag, key).Count;

    /// <summary>The notes carrying the tag (by key), in path order.</summary>
    public IEnumerable<ParsedNote> NotesWithTag(string key)
    {
        foreach (var path in PathSets.Get(NotesByTag, key)) yield return _notes[path];
    }

    /// <summary>Every tag of the vault, most used first (then by key): built on first use, shared until a tag changes.</summary>
    public ImmutableArray<TagInfo> TagsByUse => Tags.ByUse ??= [.. TagsByKey.OrderByDescending(t => t.NoteCount).ThenBy(t => t.Key, StringComparer.Ordinal)];

    /// <summary>Every tag of the vault in key order.</summary>
    public ImmutableArray<TagInfo> TagsByKey => Tags.ByKey ??= BuildTagList();

    /// <summary>The tag with this key and the tags nested under it (<c>a</c>, <c>a/b</c>, <c>a/b/c</c>): a binary search, then O(result).</summary>
    public IReadOnlyList<TagInfo> TagAndChildren(string key)
    {
        var all = TagsByKey;
        var low = 0;
        var high = all.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (string.CompareOrdinal(all[mid].Key, key) < 0) low = mid + 1;
            else high = mid;
        }
        // Keys starting with "a" sort together; among them "a" and "a/…" are kept, "ab" and "a-b" skipped.
        var result = new List<TagInfo>();
        for (var i = low; i < all.Length && all[i].Key.StartsWith(key, StringComparison.Ordinal); i++)
        {
            if (TagNames.IsSelfOrChild(all[i].Key, key)) result.Add(all[i]);
        }
        return result;
    }

    private ImmutableArray<TagInfo> BuildTagList()
    {
        // Each first note is read once for all the tags it spells (one note may hold thousands of distinct tags).
        var firstPath = new Dictionary<string, string>(NotesByTag.Count, StringComparer.Ordinal);
        foreach (var (key, paths) in NotesByTag) firstPath[key] = paths.First();
        var spelling = new Dictionary<string, string>(NotesByTag.Count, StringComparer.Ordinal);
        foreach (var path in firstPath.Values.Distinct(StringComparer.Ordinal))
        {
            foreach (var tag in _notes[path].TagOccurrences)
            {
                var key = TagNames.Key(tag.Name);
                if (firstPath[key] == path) spelling.TryAdd(key, tag.Name);
            }
        }
        var list = ImmutableArray.CreateBuilder<TagInfo>(NotesByTag.Count);
        foreach (var (key, paths) in NotesByTag) list.Add(new TagInfo(key, spelling[key], paths.Count));
        list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return list.MoveToImmutable();
    }
}
