using System.Collections;
using System.Collections.Immutable;

namespace NoteLsp.Core.Index;

/// <summary>
/// An immutable map from a key to the <see cref="PathSet"/> of notes with it: the snapshot's name and link indexes.
/// Two layers: a hash table built once by <see cref="VaultSnapshot.Build(IEnumerable{Model.ParsedNote})"/> and never
/// written again, and a small immutable dictionary of the keys edits changed since, read first (an empty set there
/// means the key was removed). When the changes grow past an eighth of the table they are folded into a new table.
/// </summary>
/// <remarks>
/// The whole index used to be immutable dictionaries. At 100,000 notes, freezing the build's accumulated keys into
/// them took about a third of the build's thread time (every insert a rebalanced tree of nodes), and every look-up
/// walked a tree. A table is built in one pass, looked up by one hash, and an edit (a keystroke changes a note's
/// entries) still costs only O(keys of that note · log changes), sharing everything else with the previous snapshot.
/// </remarks>
internal sealed class PathMap : IEnumerable<KeyValuePair<string, PathSet>>
{
    private readonly Dictionary<string, PathSet> _table;
    private readonly ImmutableDictionary<string, PathSet> _changes;

    private PathMap(Dictionary<string, PathSet> table, ImmutableDictionary<string, PathSet> changes, int count)
    {
        _table = table;
        _changes = changes;
        Count = count;
    }

    /// <summary>Takes the table, which must hold no empty set and is not written again.</summary>
    public static PathMap FromTable(Dictionary<string, PathSet> table) =>
        new(table, ImmutableDictionary.Create<string, PathSet>(table.Comparer), table.Count);

    public static PathMap Empty(IEqualityComparer<string> comparer) => FromTable(new Dictionary<string, PathSet>(comparer));

    /// <summary>Keys with at least one path.</summary>
    public int Count { get; }

    public IEqualityComparer<string> Comparer => _table.Comparer;

    public bool IsEmpty => Count == 0;

    public PathSet Get(string key) =>
        _changes.Count > 0 && _changes.TryGetValue(key, out var changed) ? changed
        : _table.TryGetValue(key, out var set) ? set : PathSet.Empty;

    public bool ContainsKey(string key) => !Get(key).IsEmpty;

    public IEnumerable<string> Keys => this.Select(static entry => entry.Key);

    public IEnumerable<PathSet> Values => this.Select(static entry => entry.Value);

    /// <summary>Every key with its paths, in no particular order.</summary>
    public IEnumerator<KeyValuePair<string, PathSet>> GetEnumerator()
    {
        foreach (var entry in _table)
        {
            if (_changes.Count == 0 || !_changes.ContainsKey(entry.Key)) yield return entry;
        }
        foreach (var entry in _changes)
        {
            if (!entry.Value.IsEmpty) yield return entry;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public Builder ToBuilder() => new(this);

    /// <summary>Edits on top of a map; the map itself is never changed.</summary>
    public sealed class Builder
    {
        private readonly PathMap _from;
        private readonly ImmutableDictionary<string, PathSet>.Builder _changes;
        private int _count;

        internal Builder(PathMap from)
        {
            _from = from;
            _changes = from._changes.ToBuilder();
            _count = from.Count;
        }

        public IEqualityComparer<string> Comparer => _from.Comparer;

        public PathSet Get(string key) =>
            _changes.Count > 0 && _changes.TryGetValue(key, out var changed) ? changed
            : _from._table.TryGetValue(key, out var set) ? set : PathSet.Empty;

        /// <summary>The key's paths become these; an empty set removes the key.</summary>
        public void Set(string key, PathSet paths)
        {
            var before = Get(key);
            if (ReferenceEquals(before, paths)) return;
            _count += (paths.IsEmpty ? 0 : 1) - (before.IsEmpty ? 0 : 1);
            // An empty set must stay as a change only where it hides the table's entry.
            if (paths.IsEmpty && !_from._table.ContainsKey(key)) _changes.Remove(key);
            else _changes[key] = paths;
        }

        public PathMap ToImmutable()
        {
            if (_changes.Count <= Math.Max(64, _from._table.Count / 8)) return new PathMap(_from._table, _changes.ToImmutable(), _count);
            // Folded into a new table: O(keys), once per (table size / 8) changed keys.
            var table = new Dictionary<string, PathSet>(_from._table, _from._table.Comparer);
            foreach (var (key, paths) in _changes)
            {
                if (paths.IsEmpty) table.Remove(key);
                else table[key] = paths;
            }
            return FromTable(table);
        }
    }
}
