using System.Collections.Immutable;
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
        var builder = ImmutableDictionary.CreateBuilder<string, PathSet>(StringComparer.Ordinal);
        PathSets.Add(builder, "k", "a.md");
        PathSets.Add(builder, "k", "b.md");
        PathSets.Remove(builder, "k", "a.md");
        Assert.Equal(["b.md"], PathSets.Get(builder.ToImmutable(), "k"));
        PathSets.Remove(builder, "k", "b.md");
        Assert.False(builder.ContainsKey("k"));
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
