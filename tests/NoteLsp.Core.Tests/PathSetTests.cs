using FsCheck.Xunit;
using NoteLsp.Core.Index;

namespace NoteLsp.Core.Tests;

/// <summary>
/// PathSet keeps one path as a string, a few as a sorted array and many as a tree: whatever the form, it must behave
/// like a SortedSet in ordinal order (the index's answers are listed in that order).
/// </summary>
public class PathSetTests
{
    private static string PathNumber(int i) => $"n{i:000}.md";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(80)]
    public void Growing_and_shrinking_across_every_form_keeps_ordinal_order(int size)
    {
        // Added in reverse, so every add lands in front of the others.
        var paths = Enumerable.Range(0, size).Select(PathNumber).Reverse().ToList();
        var set = PathSet.Empty;
        foreach (var path in paths) set = set.Add(path);
        Assert.Equal(paths.Order(StringComparer.Ordinal), set);
        Assert.All(paths, path => Assert.True(set.Contains(path)));
        Assert.False(set.Contains("other.md"));

        var left = paths.ToList();
        foreach (var path in paths)
        {
            set = set.Remove(path);
            left.Remove(path);
            Assert.Equal(left.Order(StringComparer.Ordinal), set);
            Assert.Equal(left.Count, set.Count);
            Assert.False(set.Contains(path));
        }
        Assert.True(set.IsEmpty);
        Assert.Same(PathSet.Empty, set);
    }

    [Theory]
    [InlineData(33)]
    [InlineData(1000)]
    public void A_large_set_made_at_once_edits_like_one_grown_path_by_path(int size)
    {
        // The form a build makes (every path at once), then the edits a keystroke makes to a hub note's linking notes.
        var paths = Enumerable.Range(0, size).Select(PathNumber).ToArray();
        var model = new SortedSet<string>(paths, StringComparer.Ordinal);
        var set = PathSet.Create(paths);
        Assert.Equal(model, set);
        Assert.True(set.Contains(PathNumber(size / 2)));

        foreach (var (path, add) in new[] { (PathNumber(size / 2), false), ("new.md", true), (PathNumber(0), false), ("a.md", true), ("absent.md", false) })
        {
            if (add)
            {
                model.Add(path);
                set = set.Add(path);
            }
            else
            {
                model.Remove(path);
                set = set.Remove(path);
            }
            Assert.Equal(model, set);
            Assert.Equal(model.Count, set.Count);
            Assert.Equal(add, set.Contains(path));
        }
    }

    [Fact]
    public void Adding_a_present_path_or_removing_an_absent_one_returns_the_same_set()
    {
        foreach (var size in new[] { 1, 2, 40 })
        {
            var set = PathSet.Create(Enumerable.Range(0, size).Select(PathNumber).ToArray());
            Assert.Same(set, set.Add(PathNumber(0)));
            Assert.Same(set, set.Remove("absent.md"));
        }
        Assert.Same(PathSet.Empty, PathSet.Empty.Remove("absent.md"));
    }

    [Fact]
    public void Ordinal_order_puts_capitals_before_lower_case()
    {
        var set = PathSet.Empty.Add("b.md").Add("B.md");
        Assert.Equal(["B.md", "b.md"], set);
        Assert.Equal(["B.md", "a.md", "b.md"], set.Add("a.md"));
    }

    [Fact]
    public void Create_drops_duplicates_and_sorts()
    {
        Assert.Equal(["a.md"], PathSet.Create(["a.md"]));
        Assert.Equal(["a.md"], PathSet.Create(["a.md", "a.md"]));
        Assert.Equal(["a.md", "b.md"], PathSet.Create(["b.md", "a.md", "b.md"]));
        Assert.True(PathSet.Create([]).IsEmpty);
    }

    [Fact]
    public void The_accumulator_groups_paths_by_key_under_its_comparer()
    {
        var accumulator = new PathSets.Accumulator(StringComparer.OrdinalIgnoreCase);
        accumulator.Add("key", "b.md");
        accumulator.Add("KEY", "a.md");
        accumulator.Add("key", "b.md");
        accumulator.Add("other", "c.md");
        var map = accumulator.ToImmutable();
        Assert.Equal(["a.md", "b.md"], PathSets.Get(map, "Key"));
        Assert.Equal(["c.md"], PathSets.Get(map, "other"));
        Assert.Empty(PathSets.Get(map, "missing"));
    }

    [Fact]
    public void Removing_a_map_entrys_last_path_removes_the_key()
    {
        var accumulator = new PathSets.Accumulator(StringComparer.Ordinal);
        accumulator.Add("built", "x.md");
        var built = accumulator.ToImmutable();
        var builder = built.ToBuilder();
        PathSets.Add(builder, "k", "a.md");
        PathSets.Add(builder, "k", "b.md");
        PathSets.Remove(builder, "k", "a.md");
        Assert.Equal(["b.md"], PathSets.Get(builder.ToImmutable(), "k"));
        PathSets.Remove(builder, "k", "b.md");
        PathSets.Remove(builder, "built", "x.md");
        var map = builder.ToImmutable();
        Assert.False(map.ContainsKey("k"));
        Assert.False(map.ContainsKey("built"));
        Assert.Empty(map);
        Assert.Equal(0, map.Count);
        // The map it was built from still has its entry.
        Assert.Equal(["x.md"], PathSets.Get(built, "built"));
    }

    /// <summary>
    /// A map edited over many generations (some edits folded into a new table, most kept as changes over it) answers
    /// like a plain dictionary of sorted sets, and every earlier generation still answers as it did: a snapshot is
    /// never changed by the edits that make the next one.
    /// </summary>
    [Property(MaxTest = 200)]
    public void Path_maps_edited_over_generations_behave_like_dictionaries_and_stay_unchanged(int[][] generations, bool ignoreCase) =>
        CheckGenerations(generations ?? [], ignoreCase);

    /// <summary>The same with enough edits that the changes are folded into a new table several times.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Path_maps_folded_many_times_still_behave_and_stay_unchanged(bool ignoreCase)
    {
        var random = new Random(17);
        CheckGenerations(Enumerable.Range(0, 60).Select(_ => Enumerable.Range(0, 40).Select(_ => random.Next(-100_000, 100_000)).ToArray()), ignoreCase);
    }

    private static void CheckGenerations(IEnumerable<int[]> generations, bool ignoreCase)
    {
        var comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var accumulator = new PathSets.Accumulator(comparer);
        var model = new Dictionary<string, SortedSet<string>>(comparer);
        for (var i = 0; i < 100; i++)
        {
            var (key, path) = ($"key{i % 70}", PathNumber(i % 3));
            accumulator.Add(key, path);
            if (!model.TryGetValue(key, out var set)) model[key] = set = new SortedSet<string>(StringComparer.Ordinal);
            set.Add(path);
        }
        var map = accumulator.ToImmutable();
        var history = new List<(PathMap Map, Dictionary<string, string[]> Expected)> { (map, Freeze(model)) };
        foreach (var operations in generations)
        {
            var builder = map.ToBuilder();
            foreach (var operation in operations ?? [])
            {
                // Upper-case keys meet the lower-case ones under the ignoring-case comparer.
                var number = Math.Abs(operation % 300);
                var key = operation % 2 == 0 ? $"key{number}" : $"KEY{number}";
                var path = PathNumber(Math.Abs(operation / 7 % 3));
                if (operation % 3 == 0)
                {
                    PathSets.Remove(builder, key, path);
                    if (model.TryGetValue(key, out var set) && set.Remove(path) && set.Count == 0) model.Remove(key);
                }
                else
                {
                    PathSets.Add(builder, key, path);
                    if (!model.TryGetValue(key, out var set)) model[key] = set = new SortedSet<string>(StringComparer.Ordinal);
                    set.Add(path);
                }
            }
            map = builder.ToImmutable();
            history.Add((map, Freeze(model)));
        }
        foreach (var (old, expected) in history)
        {
            Assert.Equal(expected.Count, old.Count);
            Assert.Equal(expected.Count, old.Count());
            foreach (var (key, paths) in old) Assert.Equal(expected[key], paths);
            for (var number = 0; number < 300; number++)
            {
                foreach (var key in new[] { $"key{number}", $"KEY{number}" })
                {
                    Assert.Equal(expected.TryGetValue(key, out var paths) ? paths : [], PathSets.Get(old, key));
                }
            }
        }

        static Dictionary<string, string[]> Freeze(Dictionary<string, SortedSet<string>> sets) =>
            sets.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray(), sets.Comparer);
    }

    /// <summary>Random adds and removes over a few or many distinct paths, so sets move between all three forms.</summary>
    [Property(MaxTest = 300)]
    public void Path_sets_behave_like_a_sorted_set(int[] operations, bool few)
    {
        var distinct = few ? 3 : 60;
        var model = new SortedSet<string>(StringComparer.Ordinal);
        var set = PathSet.Empty;
        foreach (var operation in operations)
        {
            var path = PathNumber(Math.Abs(operation % distinct));
            if (operation % 3 == 0)
            {
                model.Remove(path);
                set = set.Remove(path);
            }
            else
            {
                model.Add(path);
                set = set.Add(path);
            }
            Assert.Equal(model.Count, set.Count);
            Assert.Equal(model.Contains(path), set.Contains(path));
            Assert.Equal(model, set);
        }
        Assert.Equal(model, PathSet.Create([.. model.Reverse(), .. model]));
    }
}
