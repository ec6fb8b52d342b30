using System.Buffers;
using System.Collections.Immutable;
using NoteLsp.Core.Model;

namespace NoteLsp.Core.Index;

/// <summary>
/// Each note's wikilinks by the keys of their target (<see cref="WikiLinkKeysOf"/>), made once per note version and
/// kept beside the note: the link-source index is built from it, and references, rename and the unwritten-notes
/// index read only the links with one key from it, even in a note with 100,000 links.
/// </summary>
public sealed partial class VaultSnapshot
{
    /// <summary>
    /// A note's link keys as two parallel arrays sorted by key, then by entry: an entry is <c>linkIndex * 2</c> for a
    /// link whose whole target has the key, <c>+ 1</c> for one whose last path segment has it ("[[a/b]]" under "b").
    /// Two arrays per note instead of two dictionaries of lists: at 100,000 notes the tables are built for every note
    /// while indexing (where the link-source index needs the same keys anyway), so they must be small; a look-up is a
    /// binary search over a note's few dozen links.
    /// </summary>
    private sealed class LinkTable
    {
        private readonly string[] _keys;
        private readonly int[] _entries;

        /// <summary>The links the table was made from: a copy of the note made with <c>with</c> shares its slot but may have others.</summary>
        private readonly ImmutableArray<WikiLink> _links;

        public LinkTable(ImmutableArray<string> extensions, ParsedNote note)
        {
            Extensions = extensions;
            var links = _links = note.WikiLinks;
            // Made for every note of the vault while indexing: the work lists are pooled and only the three kept arrays
            // are allocated, at their final size (the garbage of a table per note was a large share of the build's GC).
            var keys = ArrayPool<string>.Shared.Rent(Math.Max(1, links.Length * 2));
            var entries = ArrayPool<int>.Shared.Rent(Math.Max(1, links.Length * 2));
            try
            {
                var count = 0;
                for (var i = 0; i < links.Length; i++)
                {
                    var link = links[i];
                    if (link.Target.AsSpan().Trim().Length == 0) continue;
                    var (whole, lastSegment) = WikiLinkKeysOf(link, extensions);
                    keys[count] = whole;
                    entries[count++] = i * 2;
                    if (lastSegment is null) continue;
                    keys[count] = lastSegment;
                    entries[count++] = i * 2 + 1;
                }
                SortByKeyThenEntry(keys.AsSpan(0, count), entries.AsSpan(0, count));
                _keys = keys.AsSpan(0, count).ToArray();
                _entries = entries.AsSpan(0, count).ToArray();
            }
            finally
            {
                ArrayPool<string>.Shared.Return(keys, clearArray: true);
                ArrayPool<int>.Shared.Return(entries);
            }
        }

        /// <summary>A table as the note cache stored it: checked to be well formed, not remade (that is the point).</summary>
        public LinkTable(ImmutableArray<string> extensions, ParsedNote note, string[] keys, int[] entries)
        {
            if (keys.Length != entries.Length) throw new ArgumentException("keys and entries differ in length");
            var links = note.WikiLinks.Length;
            for (var i = 0; i < keys.Length; i++)
            {
                if (keys[i] is null || entries[i] < 0 || entries[i] >> 1 >= links) throw new ArgumentException("an entry names no link of the note");
                if (i == 0) continue;
                // The cache's string table stores a key once, so equal keys are mostly one string: no compare of text.
                var inOrder = ReferenceEquals(keys[i - 1], keys[i])
                    ? entries[i - 1] < entries[i]
                    : CompareKeyThenEntry(keys[i - 1], entries[i - 1], keys[i], entries[i]) < 0;
                if (!inOrder) throw new ArgumentException("entries out of order");
            }
            Extensions = extensions;
            _links = note.WikiLinks;
            _keys = keys;
            _entries = entries;
        }

        /// <summary>The arrays the note cache stores (<see cref="StoredLinkTable"/>).</summary>
        public (string[] Keys, int[] Entries) Stored => (_keys, _entries);

        private static int CompareKeyThenEntry(string keyA, int entryA, string keyB, int entryB)
        {
            var byKey = string.CompareOrdinal(keyA, keyB);
            return byKey != 0 ? byKey : entryA.CompareTo(entryB);
        }

        /// <summary>
        /// Sorts the pairs by key (ordinal), then by entry. The entries arrive ascending, so a stable sort by key is
        /// enough: insertion sort for a note's usual few dozen links (no allocation), a sort of the pairs past that.
        /// </summary>
        private static void SortByKeyThenEntry(Span<string> keys, Span<int> entries)
        {
            if (keys.Length <= 64)
            {
                for (var i = 1; i < keys.Length; i++)
                {
                    var key = keys[i];
                    var entry = entries[i];
                    var j = i - 1;
                    for (; j >= 0 && string.CompareOrdinal(keys[j], key) > 0; j--)
                    {
                        keys[j + 1] = keys[j];
                        entries[j + 1] = entries[j];
                    }
                    keys[j + 1] = key;
                    entries[j + 1] = entry;
                }
                return;
            }
            var order = new (string Key, int Entry)[keys.Length];
            for (var i = 0; i < order.Length; i++) order[i] = (keys[i], entries[i]);
            Array.Sort(order, static (a, b) => CompareKeyThenEntry(a.Key, a.Entry, b.Key, b.Entry));
            for (var i = 0; i < order.Length; i++) (keys[i], entries[i]) = order[i];
        }

        /// <summary>The note extensions the keys were made under (a trailing ".md" is ignored): a config change remakes the table.</summary>
        public ImmutableArray<string> Extensions { get; }

        /// <summary>Made from these links under these extensions (every snapshot normalizes its extensions into a new array).</summary>
        public bool IsFor(ParsedNote note, ImmutableArray<string> extensions) =>
            _links == note.WikiLinks && (Extensions == extensions || Extensions.SequenceEqual(extensions));

        /// <summary>
        /// Every key the note's wikilinks use, whole target or last segment, each once, in ordinal order: read from the
        /// sorted keys as asked, not kept (an array per note of the vault was about 20 MB at 100,000 notes).
        /// </summary>
        public IEnumerable<string> Keys
        {
            get
            {
                for (var i = 0; i < _keys.Length; i++)
                {
                    if (i == 0 || _keys[i] != _keys[i - 1]) yield return _keys[i];
                }
            }
        }

        /// <summary>The indices (ascending, each once) of the wikilinks whose whole target and/or last segment has the key.</summary>
        public IReadOnlyList<int> Links(string key, bool wholeTarget, bool lastSegment)
        {
            List<int>? result = null;
            var first = LowerBound(key);
            if (first < _keys.Length && _keys[first] == key) AddLinks(first, key, wholeTarget, lastSegment, result = []);
            return result is { Count: > 0 } ? result : [];
        }

        /// <summary>
        /// <see cref="Links"/> appended to a list the caller reuses: references and rename ask this of every note that
        /// links to the target (80,000 at 100,000 notes), and a list per note was most of what they allocated.
        /// </summary>
        public void AddLinks(string key, bool wholeTarget, bool lastSegment, List<int> into) => AddLinks(LowerBound(key), key, wholeTarget, lastSegment, into);

        private void AddLinks(int first, string key, bool wholeTarget, bool lastSegment, List<int> into)
        {
            var start = into.Count;
            for (var i = first; i < _keys.Length && _keys[i] == key; i++)
            {
                var isLastSegment = (_entries[i] & 1) == 1;
                if (isLastSegment ? !lastSegment : !wholeTarget) continue;
                var index = _entries[i] >> 1;
                // Entries of one key are ordered by index, so a link listed under both forms ("[[x/x]]") comes twice in a row.
                if (into.Count > start && into[^1] == index) continue;
                into.Add(index);
            }
        }

        private int LowerBound(string key)
        {
            int low = 0, high = _keys.Length;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (string.CompareOrdinal(_keys[middle], key) < 0) low = middle + 1;
                else high = middle;
            }
            return low;
        }
    }

    /// <summary>
    /// The note's link table for the note cache (Core/Cache): its sorted keys and entries, when the note has one made
    /// under these extensions; a warm start then need not make the tables of 100,000 notes again.
    /// </summary>
    internal static (string[] Keys, int[] Entries)? StoredLinkTable(ParsedNote note, ImmutableArray<string> extensions) =>
        note.Derived.LinkTable is LinkTable table && table.IsFor(note, extensions) ? table.Stored : null;

    /// <summary>Gives a note read from the note cache the table stored with it. Throws ArgumentException when the arrays are not a well-formed table of the note.</summary>
    internal static void RestoreLinkTable(ParsedNote note, ImmutableArray<string> extensions, string[] keys, int[] entries) =>
        note.Derived.LinkTable = new LinkTable(extensions, note, keys, entries);

    private LinkTable LinkTableOf(ParsedNote note) => LinkTableOf(note, NoteExtensions);

    /// <summary>The note's table under these extensions: the one made before (by the build that indexed it) or a new one.</summary>
    private static LinkTable LinkTableOf(ParsedNote note, ImmutableArray<string> extensions)
    {
        // Kept in the note itself rather than a weak table: 100,000 weak-table entries are 100,000 GC handles, and
        // their adds take a lock the build's threads contend for.
        if (note.Derived.LinkTable is LinkTable cached && cached.IsFor(note, extensions)) return cached;
        var built = new LinkTable(extensions, note);
        note.Derived.LinkTable = built; // a race makes it twice, harmlessly
        return built;
    }
}
