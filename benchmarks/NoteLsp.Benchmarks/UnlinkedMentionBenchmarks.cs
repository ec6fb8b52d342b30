using BenchmarkDotNet.Attributes;
using NoteLsp.Core.Config;
using NoteLsp.Core.Features;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;
using NoteLsp.Core.Text;

namespace NoteLsp.Benchmarks;

/// <summary>
/// Unlinked mentions (docs/notes-format.md §13) on the generated 10,000-note vault: the automaton over every title and
/// alias (built once per name change), and the mentions of a typical ~6 KB note with the automaton built.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class UnlinkedMentionBenchmarks
{
    private static readonly int Notes = BenchmarkVaults.DefaultNotes;

    private VaultSnapshot _snapshot = VaultSnapshot.Empty;
    private string _probePath = "";
    private string _probeText = "";
    private string[] _keys = [];

    [GlobalSetup]
    public void Setup()
    {
        var (root, truth) = BenchmarkVaults.Get(Notes);
        _snapshot = VaultScanner.Scan(root, NoteLspConfig.Default).Snapshot;
        _probePath = truth.Completion.Path;
        var text = File.ReadAllText(Path.Combine(root, _probePath));
        // The generated prose names no other note: end it with a paragraph naming twenty of them, as a writer would.
        var named = _snapshot.Notes.Where(n => n.Path != _probePath && UnlinkedMentions.IsMentionName(n.Title)).Take(20).Select(n => n.Title);
        _probeText = text + "\nSee also " + string.Join(", ", named) + ".\n";
        _keys = [.. _snapshot.Names.Search("", int.MaxValue)
            .Where(m => m.Entry.Rank is MatchRank.Title or MatchRank.Alias && UnlinkedMentions.IsMentionName(m.Entry.Name))
            .Select(m => m.Entry.Key).Distinct(StringComparer.Ordinal)];
        var matchers = UnlinkedMentions.MatchersFor(_snapshot);
        Console.WriteLine($"// {matchers[0].Keys.Count} names, {matchers[0].NodeCount} trie nodes; probe {_probePath}, {_probeText.Length} chars, " +
            $"{UnlinkedMentions.Find(_snapshot, _probePath, _probeText).Count} mentions");
        if (UnlinkedMentions.Find(_snapshot, _probePath, _probeText).Count == 0) throw new InvalidOperationException("the probe note mentions no note");
    }

    [Benchmark(Description = "build the mention automaton over every title and alias")]
    public int BuildMatcher() => new AhoCorasick(_keys).NodeCount;

    [Benchmark(Description = "unlinked mentions of a typical ~6 KB note")]
    public int MentionsOfTypicalNote() => UnlinkedMentions.Find(_snapshot, _probePath, _probeText).Count;
}
