using System.Runtime.CompilerServices;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>Plain text naming another note (docs/notes-format.md §13), and the link that would replace it.</summary>
/// <param name="Range">the words, on one line</param>
/// <param name="Text">the words as written</param>
/// <param name="LinkText">what the link fix writes: <c>[[slug | Text]]</c>, the seeds' style</param>
public sealed record UnlinkedMention(TextRange Range, string Text, ParsedNote Target, string LinkText);

/// <summary>
/// Unlinked mentions (docs/notes-format.md §13): whole words of a note's prose whose Key is the Key of another note's
/// title or alias. One Aho–Corasick automaton over every such name finds them in one pass over the text; it is built
/// once per name index, which snapshots share until a name changes.
/// </summary>
public static class UnlinkedMentions
{
    /// <summary>
    /// The automaton over the names of the last full build of the name index, and one over the few notes whose names
    /// changed since: editing a title rebuilds only the small one, not an automaton over 100,000 names per keystroke.
    /// </summary>
    private static readonly ConditionalWeakTable<object, AhoCorasick> SharedMatchers = new();
    private static readonly ConditionalWeakTable<NameIndex, AhoCorasick> OverlayMatchers = new();

    /// <summary>A name short enough to be an ordinary word is never a mention: it needs two words and six letters.</summary>
    public static bool IsMentionName(string name)
    {
        var letters = 0;
        var words = 0;
        var inWord = false;
        foreach (var c in name)
        {
            var letter = char.IsLetterOrDigit(c);
            if (letter) letters++;
            if (letter && !inWord) words++;
            inWord = letter;
        }
        return words >= 2 && letters >= 6;
    }

    /// <summary>The automata over the keys of every title and alias that can be a mention (each built on first use).</summary>
    public static IReadOnlyList<AhoCorasick> MatchersFor(VaultSnapshot snapshot)
    {
        var names = snapshot.Names;
        var shared = SharedMatchers.GetValue(names.SharedIdentity, _ => Build(names.SharedEntries));
        var overlay = OverlayMatchers.GetValue(names, static n => Build(n.OverlayEntries));
        return overlay.Keys.Count == 0 ? [shared] : [shared, overlay];
    }

    private static AhoCorasick Build(IEnumerable<NameEntry> entries) => new(entries
        .Where(e => e.Rank is MatchRank.Title or MatchRank.Alias && IsMentionName(e.Name))
        .Select(e => e.Key)
        .Distinct(StringComparer.Ordinal)
        .ToArray());

    /// <summary>
    /// The mentions in the text of the note at notePath: leftmost, then longest, never overlapping; none in front matter,
    /// headings, code, links, URLs or comments; none of the note itself, none whose name several notes share.
    /// </summary>
    public static IReadOnlyList<UnlinkedMention> Find(VaultSnapshot snapshot, string notePath, string text, CancellationToken cancellationToken = default)
    {
        var result = new List<UnlinkedMention>();
        var matchers = MatchersFor(snapshot);
        if (matchers.All(m => m.Keys.Count == 0)) return result;
        var scanner = new ProseScanner(text);
        var keyChars = new List<char>();
        var origins = new List<int>();
        var found = new List<(int Key, int End)>();
        var picked = new List<(int Start, int End, string Key)>();
        while (scanner.NextLine(out var lineNumber, out var line))
        {
            cancellationToken.ThrowIfCancellationRequested();
            picked.Clear();
            foreach (var (start, end) in scanner.ProseSegments(line))
            {
                keyChars.Clear();
                origins.Clear();
                for (var i = start; i < end; i++)
                {
                    var c = line[i];
                    if (c < 0x80)
                    {
                        if (char.IsAsciiLetterOrDigit(c)) { keyChars.Add(char.ToLowerInvariant(c)); origins.Add(i); }
                        continue;
                    }
                    var width = char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(line[i + 1]) ? 2 : 1;
                    foreach (var k in NoteNames.Key(line.Substring(i, width))) { keyChars.Add(k); origins.Add(i); }
                    i += width - 1;
                }
                foreach (var matcher in matchers) CollectMatches(matcher, keyChars, origins, line, found, picked);
            }
            picked.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
            var taken = 0;
            foreach (var (from, to, key) in picked)
            {
                if (from < taken) continue;
                var words = line[from..to];
                if (words.IndexOfAny(NotInLabel) >= 0) continue;
                var (_, candidates) = snapshot.MatchName(key);
                if (candidates.Length != 1 || candidates[0].Path == notePath) continue;
                var target = candidates[0];
                var range = new TextRange(lineNumber, from, lineNumber, to);
                result.Add(new UnlinkedMention(range, words, target, $"[[{LinkTargets.WikiTarget(snapshot, target)} | {words}]]"));
                taken = to;
            }
        }
        return result;
    }

    /// <summary>The matcher's whole-word matches in one prose segment (as key characters and their columns in the line).</summary>
    private static void CollectMatches(AhoCorasick matcher, List<char> keyChars, List<int> origins, string line,
        List<(int Key, int End)> found, List<(int Start, int End, string Key)> picked)
    {
        found.Clear();
        matcher.FindAll(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keyChars), found);
        foreach (var (keyIndex, keyEnd) in found)
        {
            var key = matcher.Keys[keyIndex];
            var from = origins[keyEnd - key.Length];
            var last = origins[keyEnd - 1];
            var to = last + (char.IsHighSurrogate(line[last]) ? 2 : 1);
            // Whole words: the match must not begin or end inside a word of the text.
            if (from > 0 && char.IsLetterOrDigit(line[from - 1]) || to < line.Length && char.IsLetterOrDigit(line[to])) continue;
            picked.Add((from, to, key));
        }
    }

    /// <summary>Characters that would end or split the link written in place of the words.</summary>
    private static readonly char[] NotInLabel = ['[', ']', '|', '#', '^'];
}

/// <summary>The <c>mention-unlinked</c> diagnostics of an open note's text (docs/notes-format.md §13).</summary>
public static class UnlinkedMentionDiagnostics
{
    /// <summary>One hint (by default) per mention; its one suggestion is the link that replaces the words. None when the code is off.</summary>
    public static IReadOnlyList<Diagnostics.NoteDiagnostic> Compute(VaultSnapshot snapshot, string notePath, string text, Diagnostics.DiagnosticOptions options,
        CancellationToken cancellationToken = default)
    {
        if (options.SeverityOf(Diagnostics.DiagnosticCode.MentionUnlinked) is not { } severity) return [];
        return UnlinkedMentions.Find(snapshot, notePath, text, cancellationToken)
            .Select(m => new Diagnostics.NoteDiagnostic(Diagnostics.DiagnosticCode.MentionUnlinked, severity, m.Range,
                $"\"{m.Text}\" names {m.Target.Path}, without a link", [], [m.LinkText]))
            .ToList();
    }
}
