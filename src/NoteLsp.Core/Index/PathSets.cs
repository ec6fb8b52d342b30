using System.Collections;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace NoteLsp.Core.Index;

/// <summary>
/// An immutable set of note paths in ordinal order. Most index entries hold one path (a note's own stem or title), so
/// one path is stored as the string itself; more paths are a sorted array (8 bytes a path). A set edited past
/// <see cref="ArrayLimit"/> paths becomes a balanced tree, so that updating a key used by thousands of notes (a hub note
/// everyone links to) stays O(log n). One field holds whichever form: a 24-byte object per set, no array for one path.
/// </summary>
/// <remarks>
/// A build makes every set at once from sorted paths, so there it keeps even a large set as an array: making trees of
/// them was a third of the build's largest part at 100,000 notes, and a tree costs about six times the memory of an
/// array. The first edit of such a set turns it into a tree (O(n log n) once, then O(log n) per edit).
/// </remarks>
internal sealed class PathSet : IEnumerable<string>
{
    private const int ArrayLimit = 32;

    public static readonly PathSet Empty = new(Array.Empty<string>());

    /// <summary>A string (one path), a string[] (none, or 2 or more) or an ImmutableSortedSet (more than <see cref="ArrayLimit"/>, after an edit).</summary>
    private readonly object _paths;

    private PathSet(object paths) => _paths = paths;

    public int Count => _paths switch
    {
        string => 1,
        string[] array => array.Length,
        _ => Tree.Count,
    };

    public bool IsEmpty => Count == 0;

    private ImmutableSortedSet<string> Tree => (ImmutableSortedSet<string>)_paths;

    /// <summary>From paths in any order, duplicates allowed (sorted in place when they are not in order: a build's come in order).</summary>
    public static PathSet Create(Span<string> paths)
    {
        if (paths.Length == 0) return Empty;
        if (paths.Length == 1) return new PathSet(paths[0]);
        if (!IsSortedAndUnique(paths))
        {
            paths.Sort(StringComparer.Ordinal);
            var unique = 1;
            for (var i = 1; i < paths.Length; i++)
            {
                if (!string.Equals(paths[i], paths[unique - 1], StringComparison.Ordinal)) paths[unique++] = paths[i];
            }
            paths = paths[..unique];
        }
        return paths.Length == 1 ? new PathSet(paths[0]) : new PathSet(paths.ToArray());
    }

    private static bool IsSortedAndUnique(ReadOnlySpan<string> paths)
    {
        for (var i = 1; i < paths.Length; i++)
        {
            if (string.CompareOrdinal(paths[i - 1], paths[i]) >= 0) return false;
        }
        return true;
    }

    /// <summary>The paths of both sets, each once (a build merging what a note cache grouped with what it read itself).</summary>
    public static PathSet Union(PathSet first, PathSet second)
    {
        if (second.IsEmpty) return first;
        if (first.IsEmpty) return second;
        var all = new string[first.Count + second.Count];
        var count = 0;
        foreach (var path in first) all[count++] = path;
        foreach (var path in second) all[count++] = path;
        return Create(all);
    }

    public bool Contains(string path) => _paths switch
    {
        string single => string.Equals(single, path, StringComparison.Ordinal),
        string[] array => Array.BinarySearch(array, path, StringComparer.Ordinal) >= 0,
        _ => Tree.Contains(path),
    };

    public PathSet Add(string path)
    {
        switch (_paths)
        {
            case string single:
                var order = string.CompareOrdinal(path, single);
                if (order == 0) return this;
                return new PathSet(order < 0 ? new[] { path, single } : new[] { single, path });
            case string[] array:
                if (array.Length == 0) return new PathSet(path);
                var index = Array.BinarySearch(array, path, StringComparer.Ordinal);
                if (index >= 0) return this;
                if (array.Length >= ArrayLimit) return new PathSet(TreeOf(array).Add(path));
                index = ~index;
                var bigger = new string[array.Length + 1];
                Array.Copy(array, bigger, index);
                bigger[index] = path;
                Array.Copy(array, index, bigger, index + 1, array.Length - index);
                return new PathSet(bigger);
            default:
                var tree = Tree.Add(path);
                return ReferenceEquals(tree, _paths) ? this : new PathSet(tree);
        }
    }

    public PathSet Remove(string path)
    {
        switch (_paths)
        {
            case string single:
                return string.Equals(single, path, StringComparison.Ordinal) ? Empty : this;
            case string[] array:
                var index = Array.BinarySearch(array, path, StringComparer.Ordinal);
                if (index < 0) return this;
                if (array.Length == 2) return new PathSet(array[1 - index]);
                if (array.Length > ArrayLimit) return new PathSet(TreeOf(array).Remove(path));
                var smaller = new string[array.Length - 1];
                Array.Copy(array, smaller, index);
                Array.Copy(array, index + 1, smaller, index, array.Length - index - 1);
                return new PathSet(smaller);
            default:
                var tree = Tree.Remove(path);
                if (ReferenceEquals(tree, _paths)) return this;
                // Back to an array only well below the limit, so a set hovering at the limit is not rebuilt on every edit.
                return tree.Count <= ArrayLimit / 2 ? Create(tree.ToArray()) : new PathSet(tree);
        }
    }

    private static ImmutableSortedSet<string> TreeOf(string[] sortedPaths) => ImmutableSortedSet.CreateRange(StringComparer.Ordinal, sortedPaths);

    public IEnumerator<string> GetEnumerator() => _paths switch
    {
        string single => ((IEnumerable<string>)[single]).GetEnumerator(),
        string[] array => ((IEnumerable<string>)array).GetEnumerator(),
        _ => Tree.GetEnumerator(),
    };

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Multi-maps from a key to a set of note paths, used for the name index (key → notes) and the link index
/// (key or path → linking notes).
/// </summary>
internal static class PathSets
{
    public static PathSet Get(PathMap map, string key) => map.Get(key);

    public static void Add(PathMap.Builder map, string key, string path)
    {
        var set = map.Get(key);
        var bigger = set.Add(path);
        if (!ReferenceEquals(bigger, set)) map.Set(key, bigger);
    }

    public static void Remove(PathMap.Builder map, string key, string path)
    {
        var set = map.Get(key);
        var smaller = set.Remove(path);
        if (!ReferenceEquals(smaller, set)) map.Set(key, smaller);
    }

    /// <summary>
    /// Mutable accumulation for <see cref="VaultSnapshot.Build(IEnumerable{Model.ParsedNote})"/>, frozen once at the
    /// end. Flat: each add is a key number and a path in two growing arrays, grouped by key at the end by a counting
    /// sort (which keeps each key's paths in the order added: a build adds in path order, so they need no sort). A list
    /// per key was millions of small arrays at 100,000 notes, most of them copied as they grew.
    /// </summary>
    public sealed class Accumulator(IEqualityComparer<string> keyComparer)
    {
        private readonly Dictionary<string, int> _keyNumbers = new(keyComparer);
        private readonly List<string> _keys = [];
        // The path last added under each key number: a note adding the same key twice (two links to one target) is
        // kept once without a set per note, because a build adds all of one note's keys before the next note's.
        private readonly List<string?> _lastPaths = [];
        private int[] _addedKeys = new int[1024];
        private string[] _addedPaths = new string[1024];
        private int _added;

        public void Add(string key, string path)
        {
            ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(_keyNumbers, key, out var known);
            if (!known) number = NewKey(key);
            Append(number, path);
        }

        private int NewKey(string key)
        {
            _keys.Add(key);
            _lastPaths.Add(null);
            return _keys.Count - 1;
        }

        private void Append(int number, string path)
        {
            if (ReferenceEquals(_lastPaths[number], path)) return;
            _lastPaths[number] = path;
            if (_added == _addedKeys.Length)
            {
                Array.Resize(ref _addedKeys, _added * 2);
                Array.Resize(ref _addedPaths, _added * 2);
            }
            _addedKeys[_added] = number;
            _addedPaths[_added++] = path;
        }

        public PathMap ToImmutable()
        {
            // Counting sort by key number: starts[k] is where key k's paths begin in the grouped array.
            var starts = new int[_keys.Count + 1];
            for (var i = 0; i < _added; i++) starts[_addedKeys[i] + 1]++;
            for (var k = 0; k < _keys.Count; k++) starts[k + 1] += starts[k];
            var grouped = new string[_added];
            var next = starts[..^1];
            for (var i = 0; i < _added; i++) grouped[next[_addedKeys[i]]++] = _addedPaths[i];

            var table = new Dictionary<string, PathSet>(_keys.Count, _keyNumbers.Comparer);
            for (var k = 0; k < _keys.Count; k++) table.Add(_keys[k], PathSet.Create(grouped.AsSpan(starts[k], starts[k + 1] - starts[k])));
            return PathMap.FromTable(table);
        }
    }
}
