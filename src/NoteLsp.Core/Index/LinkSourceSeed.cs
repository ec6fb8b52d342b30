using System.Collections.Immutable;
using NoteLsp.Core.Model;

namespace NoteLsp.Core.Index;

/// <summary>
/// The wikilink-source index (link key → notes that link by it) of the notes a note cache held, grouped as the cache
/// was read. The cache names each key by its number in its string table, so the grouping is a counting sort; the build
/// otherwise looks every note's keys up in a hash table, two million look-ups at 100,000 notes and the largest part of a
/// warm start's build (about a second of CPU). A build takes the groups only for the notes it is given unchanged (the
/// very objects the cache returned) and adds the keys of the others itself.
/// </summary>
public sealed class LinkSourceSeed
{
    private readonly ParsedNote[] _notes;
    private readonly string[] _keys;
    private readonly int[] _starts;
    private readonly int[] _ordinals;

    private LinkSourceSeed(ImmutableArray<string> extensions, ParsedNote[] notes, string[] keys, int[] starts, int[] ordinals)
    {
        Extensions = extensions;
        _notes = notes;
        _keys = keys;
        _starts = starts;
        _ordinals = ordinals;
    }

    /// <summary>The normalized note extensions the keys were made under (the cache's).</summary>
    public ImmutableArray<string> Extensions { get; }

    /// <summary>How many notes the groups cover.</summary>
    public int NoteCount => _notes.Length;

    /// <summary>
    /// The seed of notes in strictly ascending path order (their ordinals), from (key number, ordinal) pairs: key numbers
    /// index <paramref name="keyTexts"/>; each note's pairs name distinct keys, and the pairs come in ordinal order (chunk after chunk). Null when the notes
    /// are not in path order (a cache written otherwise) or a pair is out of range.
    /// </summary>
    internal static LinkSourceSeed? Create(ImmutableArray<string> extensions, ParsedNote[] notes, string[] keyTexts, IReadOnlyList<List<long>> pairs)
    {
        for (var i = 1; i < notes.Length; i++)
        {
            if (string.CompareOrdinal(notes[i - 1].Path, notes[i].Path) >= 0) return null;
        }
        var counts = new int[keyTexts.Length + 1];
        var total = 0;
        foreach (var chunk in pairs)
        {
            foreach (var pair in chunk)
            {
                var (key, ordinal) = Unpack(pair);
                if ((uint)key >= (uint)keyTexts.Length || (uint)ordinal >= (uint)notes.Length) return null;
                counts[key + 1]++;
                total++;
            }
        }
        // Only the keys some note uses, numbered anew, each with where its notes start.
        var used = 0;
        for (var k = 0; k < keyTexts.Length; k++)
        {
            if (counts[k + 1] > 0) used++;
        }
        var keys = new string[used];
        var starts = new int[used + 1];
        var slotOf = new int[keyTexts.Length];
        var next = 0;
        for (var k = 0; k < keyTexts.Length; k++)
        {
            if (counts[k + 1] == 0) continue;
            keys[next] = keyTexts[k];
            slotOf[k] = next;
            starts[next + 1] = starts[next] + counts[k + 1];
            next++;
        }
        var fill = starts[..^1];
        var ordinals = new int[total];
        foreach (var chunk in pairs)
        {
            foreach (var pair in chunk)
            {
                var (key, ordinal) = Unpack(pair);
                ordinals[fill[slotOf[key]]++] = ordinal;
            }
        }
        return new LinkSourceSeed(extensions, notes, keys, starts, ordinals);
    }

    internal static long Pack(int key, int ordinal) => ((long)key << 32) | (uint)ordinal;

    private static (int Key, int Ordinal) Unpack(long pair) => ((int)(pair >> 32), (int)pair);

    /// <summary>
    /// The wikilink-source map of a build of <paramref name="notesInPathOrder"/>: each of the seed's groups, restricted to
    /// the seed notes found there (the very objects), becomes its key's set as it is (its paths come in path order), and
    /// the keys of the other notes (<paramref name="keysOf"/>: a few after an edit, all of them for a note the cache did
    /// not have) are grouped on their own and merged in.
    /// </summary>
    /// <remarks>
    /// The groups used to go through the build's accumulator like any note's keys: a hash-table insert per key to number
    /// it, two million paths appended and sorted back into groups, then a second table. At 100,000 notes that was most of
    /// the warm build's critical path; one insert per key into the final table remains.
    /// </remarks>
    internal PathMap ToMap(ParsedNote[] notesInPathOrder, Func<ParsedNote, IEnumerable<string>> keysOf)
    {
        // The path of each seed note in the build, null for one that is not there: one small array read per entry below,
        // not two objects (2 million entries at 100,000 notes, in no order).
        var presentPaths = new string?[_notes.Length];
        var others = new PathSets.Accumulator(StringComparer.Ordinal);
        var s = 0;
        foreach (var note in notesInPathOrder)
        {
            while (s < _notes.Length && string.CompareOrdinal(_notes[s].Path, note.Path) < 0) s++;
            if (s < _notes.Length && ReferenceEquals(_notes[s], note))
            {
                presentPaths[s] = note.Path;
                continue;
            }
            foreach (var key in keysOf(note)) others.Add(key, note.Path);
        }
        var othersMap = others.ToImmutable();
        var table = new Dictionary<string, PathSet>(_keys.Length + othersMap.Count, StringComparer.Ordinal);
        var paths = new string[_notes.Length == 0 ? 0 : MaxGroup()];
        for (var k = 0; k < _keys.Length; k++)
        {
            var count = 0;
            for (var i = _starts[k]; i < _starts[k + 1]; i++)
            {
                if (presentPaths[_ordinals[i]] is { } path) paths[count++] = path;
            }
            if (count == 0) continue;
            var set = PathSet.Create(paths.AsSpan(0, count));
            // A key a cache stored twice (this build's writer stores each once) shares one set.
            if (!table.TryAdd(_keys[k], set)) table[_keys[k]] = PathSet.Union(table[_keys[k]], set);
        }
        foreach (var (key, set) in othersMap)
        {
            table[key] = table.TryGetValue(key, out var seeded) ? PathSet.Union(seeded, set) : set;
        }
        return PathMap.FromTable(table);
    }

    private int MaxGroup()
    {
        var max = 0;
        for (var k = 0; k < _keys.Length; k++) max = Math.Max(max, _starts[k + 1] - _starts[k]);
        return max;
    }
}
