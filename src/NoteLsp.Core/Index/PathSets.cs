using System.Collections.Immutable;

namespace NoteLsp.Core.Index;

/// <summary>
/// Multi-maps from a key to a set of note paths (kept in ordinal path order, so candidates come out sorted).
/// Used for the name index (key → notes) and the link index (key or path → linking notes).
/// </summary>
internal static class PathSets
{
    public static readonly ImmutableSortedSet<string> None = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    public static ImmutableSortedSet<string> Get(ImmutableDictionary<string, ImmutableSortedSet<string>> map, string key) =>
        map.TryGetValue(key, out var set) ? set : None;

    public static ImmutableDictionary<string, ImmutableSortedSet<string>> Add(
        ImmutableDictionary<string, ImmutableSortedSet<string>> map, string key, string path) =>
        map.SetItem(key, Get(map, key).Add(path));

    public static ImmutableDictionary<string, ImmutableSortedSet<string>> Remove(
        ImmutableDictionary<string, ImmutableSortedSet<string>> map, string key, string path)
    {
        if (!map.TryGetValue(key, out var set)) return map;
        var smaller = set.Remove(path);
        if (ReferenceEquals(smaller, set)) return map;
        return smaller.IsEmpty ? map.Remove(key) : map.SetItem(key, smaller);
    }

    /// <summary>Mutable accumulation for <see cref="VaultSnapshot.Build"/>: one list per key, frozen once at the end.</summary>
    public sealed class Accumulator(IEqualityComparer<string> keyComparer)
    {
        private readonly Dictionary<string, List<string>> _lists = new(keyComparer);

        public void Add(string key, string path)
        {
            if (!_lists.TryGetValue(key, out var list)) _lists[key] = list = [];
            list.Add(path);
        }

        public ImmutableDictionary<string, ImmutableSortedSet<string>> ToImmutable()
        {
            var builder = ImmutableDictionary.CreateBuilder<string, ImmutableSortedSet<string>>(_lists.Comparer);
            foreach (var (key, paths) in _lists)
            {
                builder[key] = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, paths);
            }
            return builder.ToImmutable();
        }
    }
}
