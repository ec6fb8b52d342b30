using System.Collections;
using System.Collections.Immutable;

namespace NoteLsp.Core.Index;

/// <summary>
/// An immutable set of note paths in ordinal order. Most index entries hold a handful of paths, so a small set is a
/// sorted array (8 bytes a path, copied on update); past <see cref="ArrayLimit"/> it becomes a balanced tree so that
/// updating a key used by thousands of notes (a hub note everyone links to) stays O(log n).
/// </summary>
internal sealed class PathSet : IEnumerable<string>
{
    private const int ArrayLimit = 32;

    public static readonly PathSet Empty = new([], null);

    private readonly string[] _array;
    private readonly ImmutableSortedSet<string>? _tree;

    private PathSet(string[] array, ImmutableSortedSet<string>? tree)
    {
        _array = array;
        _tree = tree;
    }

    public int Count => _tree?.Count ?? _array.Length;

    public bool IsEmpty => Count == 0;

    /// <summary>From paths in any order, duplicates allowed.</summary>
    public static PathSet Create(List<string> paths)
    {
        if (paths.Count == 0) return Empty;
        paths.Sort(StringComparer.Ordinal);
        var unique = new List<string>(paths.Count) { paths[0] };
        for (var i = 1; i < paths.Count; i++)
        {
            if (!string.Equals(paths[i], paths[i - 1], StringComparison.Ordinal)) unique.Add(paths[i]);
        }
        return unique.Count <= ArrayLimit
            ? new PathSet(unique.ToArray(), null)
            : new PathSet([], ImmutableSortedSet.CreateRange(StringComparer.Ordinal, unique));
    }

    public bool Contains(string path) =>
        _tree?.Contains(path) ?? Array.BinarySearch(_array, path, StringComparer.Ordinal) >= 0;

    public PathSet Add(string path)
    {
        if (_tree is not null)
        {
            var bigger = _tree.Add(path);
            return ReferenceEquals(bigger, _tree) ? this : new PathSet([], bigger);
        }
        var index = Array.BinarySearch(_array, path, StringComparer.Ordinal);
        if (index >= 0) return this;
        index = ~index;
        if (_array.Length == ArrayLimit)
        {
            return new PathSet([], ImmutableSortedSet.CreateRange(StringComparer.Ordinal, _array).Add(path));
        }
        var array = new string[_array.Length + 1];
        Array.Copy(_array, array, index);
        array[index] = path;
        Array.Copy(_array, index, array, index + 1, _array.Length - index);
        return new PathSet(array, null);
    }

    public PathSet Remove(string path)
    {
        if (_tree is not null)
        {
            var smaller = _tree.Remove(path);
            return ReferenceEquals(smaller, _tree) ? this : new PathSet([], smaller);
        }
        var index = Array.BinarySearch(_array, path, StringComparer.Ordinal);
        if (index < 0) return this;
        if (_array.Length == 1) return Empty;
        var array = new string[_array.Length - 1];
        Array.Copy(_array, array, index);
        Array.Copy(_array, index + 1, array, index, _array.Length - index - 1);
        return new PathSet(array, null);
    }

    public IEnumerator<string> GetEnumerator() =>
        _tree is not null ? _tree.GetEnumerator() : ((IEnumerable<string>)_array).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Multi-maps from a key to a set of note paths, used for the name index (key → notes) and the link index
/// (key or path → linking notes).
/// </summary>
internal static class PathSets
{
    public static PathSet Get(ImmutableDictionary<string, PathSet> map, string key) =>
        map.TryGetValue(key, out var set) ? set : PathSet.Empty;

    public static void Add(ImmutableDictionary<string, PathSet>.Builder map, string key, string path)
    {
        var set = map.GetValueOrDefault(key) ?? PathSet.Empty;
        var bigger = set.Add(path);
        if (!ReferenceEquals(bigger, set)) map[key] = bigger;
    }

    public static void Remove(ImmutableDictionary<string, PathSet>.Builder map, string key, string path)
    {
        if (!map.TryGetValue(key, out var set)) return;
        var smaller = set.Remove(path);
        if (ReferenceEquals(smaller, set)) return;
        if (smaller.IsEmpty) map.Remove(key);
        else map[key] = smaller;
    }

    /// <summary>Mutable accumulation for <see cref="VaultSnapshot.Build(IEnumerable{Model.ParsedNote})"/>: one list per key, frozen once at the end.</summary>
    public sealed class Accumulator(IEqualityComparer<string> keyComparer)
    {
        private readonly Dictionary<string, List<string>> _lists = new(keyComparer);

        public void Add(string key, string path)
        {
            if (!_lists.TryGetValue(key, out var list)) _lists[key] = list = new List<string>(2);
            list.Add(path);
        }

        public ImmutableDictionary<string, PathSet> ToImmutable()
        {
            var builder = ImmutableDictionary.CreateBuilder<string, PathSet>(_lists.Comparer);
            foreach (var (key, paths) in _lists) builder[key] = PathSet.Create(paths);
            return builder.ToImmutable();
        }
    }
}
