using System.Collections.Immutable;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;

namespace NoteLsp.Core.Index;

/// <summary>The link index queries of a snapshot: which notes link to a note or a file, and which an edit affects.</summary>
public sealed partial class VaultSnapshot
{
    /// <summary>Paths of the notes (other than before/after themselves) whose link resolution may change when a note goes from before to after (either may be null).</summary>
    public IReadOnlySet<string> NotesAffectedBy(ParsedNote? before, ParsedNote? after)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        // Typing prose in a note (the common keystroke) leaves everything other notes' links see unchanged:
        // then nothing else needs its diagnostics again, however many notes link to this one.
        if (before is not null && after is not null && before.Path == after.Path && SameAsLinkTarget(before, after)) return result;
        foreach (var note in new[] { before, after })
        {
            if (note is null) continue;
            foreach (var source in CandidateSources(note)) result.Add(source);
            // An ambiguous link's suggested targets ("a/x", "b/x") are the shortest paths that tell its candidates apart
            // from every note with the same stem: a note joining or leaving that stem changes them.
            foreach (var sameStem in PathSets.Get(_byStem, NoteNames.Key(note.Stem)))
            {
                if (sameStem == before?.Path || sameStem == after?.Path) continue;
                foreach (var source in CandidateSources(_notes[sameStem])) result.Add(source);
            }
        }
        if (before is not null) result.Remove(before.Path);
        if (after is not null) result.Remove(after.Path);
        return result;
    }

    /// <summary>Everything a link from another note can observe of a note: its names, headings and block ids.</summary>
    private static bool SameAsLinkTarget(ParsedNote before, ParsedNote after) =>
        before.Title == after.Title
        && before.Aliases.Select(a => a.Value).SequenceEqual(after.Aliases.Select(a => a.Value))
        && before.Headings.SequenceEqual(after.Headings)
        && before.BlockIds.SequenceEqual(after.BlockIds);

    /// <summary>The wikilink-source index as a sorted list (key, linking notes in path order): what tests compare between builds.</summary>
    internal List<(string Key, string[] Sources)> WikiLinkSourceList() =>
        [.. _wikiLinkSources.Select(entry => (entry.Key, entry.Value.ToArray())).Where(entry => entry.Item2.Length > 0).OrderBy(entry => entry.Key, StringComparer.Ordinal)];

    /// <summary>Notes with a link that uses one of the note's names or its path: the only links that can resolve to it.</summary>
    private IEnumerable<string> CandidateSources(ParsedNote note)
    {
        foreach (var key in NameKeys(note))
        {
            foreach (var source in PathSets.Get(_wikiLinkSources, key)) yield return source;
        }
        foreach (var source in PathSets.Get(_pathLinkSources, note.Path)) yield return source;
        var withoutExtension = PathWithoutExtension(note.Path);
        if (withoutExtension != note.Path)
        {
            foreach (var source in PathSets.Get(_pathLinkSources, withoutExtension)) yield return source;
        }
    }

    /// <summary>Every link in the vault that resolves to the note at path (its own self-links included), in path then position order.</summary>
    public IReadOnlyList<LinkReference> LinksTo(string path) => [.. ResolvedLinksTo(path).Select(r => r.Reference)];

    /// <summary>The links to the note asked about last, with the note they were found for (a snapshot never changes).</summary>
    private sealed record LinksToNote(ParsedNote Note, IReadOnlyList<(LinkReference Reference, LinkResolution Resolution)> Links);

    private LinksToNote? _lastLinksTo;

    /// <summary>
    /// <see cref="LinksTo"/> with each link's resolution, so callers need not resolve twice. Only links that use one of
    /// the note's keys are visited (the key → source notes index, then each source's key → link table), Markdown links
    /// only in the notes the Markdown link index lists for its path, and equal links are resolved once: about O(result).
    /// </summary>
    /// <remarks>
    /// The answer for the last note asked about is kept with the snapshot: the questions about one note come in runs on
    /// an unchanged snapshot (references, then prepareRename and rename; each code lens of the note on screen; a rename
    /// tried again with another name), and for the most-linked of 100,000 notes each would otherwise walk 156,000 links
    /// again (about 140 ms).
    /// </remarks>
    internal IReadOnlyList<(LinkReference Reference, LinkResolution Resolution)> ResolvedLinksTo(string path)
    {
        if (GetNote(path) is not { } target) return [];
        if (Volatile.Read(ref _lastLinksTo) is { } last && ReferenceEquals(last.Note, target)) return last.Links;
        var links = FindLinksTo(target);
        Volatile.Write(ref _lastLinksTo, new LinksToNote(target, links));
        return links;
    }

    private List<(LinkReference Reference, LinkResolution Resolution)> FindLinksTo(ParsedNote target)
    {
        var targetKeys = NameKeys(target).Distinct(StringComparer.Ordinal).ToArray();
        var firstLetters = targetKeys.Where(k => k.Length > 0).Select(k => k[0]).ToHashSet();
        var sources = NotesInPathOrder(CandidateSourcesInPathOrder(target)).ToArray();
        // Each source's links are found on their own: a few thousand sources are cut into one run per core, each run
        // gives its links in order, and the runs are joined in order (the hub of 100,000 notes has 79,000 sources).
        var runs = sources.Length < ParallelSources ? 1 : Environment.ProcessorCount;
        var found = new List<(LinkReference, LinkResolution)>[runs];
        Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = runs }, run =>
        {
            var from = sources.Length * run / runs;
            var to = sources.Length * (run + 1) / runs;
            found[run] = FindLinksIn(sources.AsSpan(from, to - from), target, targetKeys, firstLetters);
        });
        if (runs == 1) return found[0];
        var result = new List<(LinkReference, LinkResolution)>(found.Sum(f => f.Count));
        foreach (var links in found) result.AddRange(links);
        return result;
    }

    /// <summary>Below this many sources the links to a note are found on one thread.</summary>
    private const int ParallelSources = 2048;

    /// <summary>The links in these sources (in path order) that resolve to the target, in path then position order.</summary>
    private List<(LinkReference Reference, LinkResolution Resolution)> FindLinksIn(ReadOnlySpan<(ParsedNote Note, bool ByMarkdown)> sources, ParsedNote target, string[] targetKeys, HashSet<char> firstLetters)
    {
        var path = target.Path;
        var result = new List<(LinkReference, LinkResolution)>();
        var memo = new ResolutionMemo();
        var inSource = new List<(Text.TextPosition Start, LinkReference Reference, LinkResolution Resolution)>();
        var linkIndices = new List<int>();
        foreach (var (source, byMarkdown) in sources)
        {
            var sourcePath = source.Path;
            inSource.Clear();
            if (sourcePath == path)
            {
                // The target's own note: its self-links ("[[#H]]") have no key, so this one note is walked.
                foreach (var link in source.WikiLinks)
                {
                    if (link.Target.Length != 0 && !UsesAnyKey(link, targetKeys, firstLetters)) continue;
                    AddIfResolvesToTarget(source, link);
                }
            }
            else
            {
                // Only a link that uses one of the target's names can resolve to it: visit just those.
                WikiLinksUsing(source, targetKeys, linkIndices);
                foreach (var index in linkIndices) AddIfResolvesToTarget(source, source.WikiLinks[index]);
            }
            string? sourceFolder = null;
            // A Markdown link reaches the target only by its path (or "" in the target itself): the Markdown link index knows the notes with one.
            foreach (var link in byMarkdown ? source.MarkdownLinks : [])
            {
                // The decoded path names the file, so it contains the stem (in any case); "" is the source itself.
                if (link.Path.Length == 0 ? sourcePath != path : !link.Path.Contains(target.Stem, StringComparison.OrdinalIgnoreCase)) continue;
                sourceFolder ??= sourcePath[..(sourcePath.LastIndexOf('/') + 1)];
                var resolution = Resolve(source, link, sourceFolder, memo);
                if (resolution.Target?.Path == path) inSource.Add((link.Range.Start, new LinkReference(source, null, link), resolution));
            }
            if (!InPositionOrder(inSource)) inSource.Sort((a, b) => a.Start.CompareTo(b.Start));
            foreach (var (_, reference, resolution) in inSource) result.Add((reference, resolution));
        }
        return result;

        void AddIfResolvesToTarget(ParsedNote source, WikiLink link)
        {
            var resolution = Resolve(source, link, memo);
            if (resolution.Target?.Path == path) inSource.Add((link.Range.Start, new LinkReference(source, link, null), resolution));
        }
    }

    /// <summary>Number of links (from other notes) that resolve to the note at path.</summary>
    public int BacklinkCount(string path) => LinksTo(path).Count(r => r.Source.Path != path);

    /// <summary>Notes with a link that may name the file (by its name or its path): their diagnostics change when it comes or goes.</summary>
    public IReadOnlyList<string> NotesLinkingToFile(string path)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        result.UnionWith(PathSets.Get(_wikiLinkSources, NoteNames.Key(StripNoteExtension(FileNameOf(path), NoteExtensions))));
        result.UnionWith(PathSets.Get(_pathLinkSources, path));
        return [.. result];
    }

    private bool UsesAnyKey(WikiLink link, string[] keys, HashSet<char> firstLetters)
    {
        // Most links name other notes: a plain target whose first letter or digit starts no key is out at once.
        var first = FirstAsciiKeyChar(link.Target);
        if (first != '\0' && !firstLetters.Contains(first) && !link.Target.Contains('/')) return false;
        var target = StripNoteExtension(link.Target.AsSpan().Trim(), NoteExtensions);
        var lastSlash = target.LastIndexOf('/');
        foreach (var key in keys)
        {
            if (NoteNames.KeyEquals(target, key)) return true;
            if (lastSlash >= 0 && NoteNames.KeyEquals(target[(lastSlash + 1)..], key)) return true;
        }
        return false;
    }

    /// <summary>The first character of Key(text) when that is plain ASCII; '\0' when unknown (non-ASCII first, or none).</summary>
    private static char FirstAsciiKeyChar(string text)
    {
        foreach (var c in text)
        {
            if (c >= 0x80) return '\0';
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') return c;
            if (c is >= 'A' and <= 'Z') return (char)(c + 32);
        }
        return '\0';
    }

    /// <summary>The link-index keys of a note's wikilinks (<see cref="WikiLinkKeysOf"/>), from its link table (made here when it has none yet).</summary>
    private static IEnumerable<string> WikiLinkKeys(ParsedNote note, ImmutableArray<string> extensions) =>
        note.WikiLinks.IsEmpty ? [] : LinkTableOf(note, extensions).Keys;

    /// <summary>
    /// The normalized vault paths a note's Markdown links point to (fragment-only and out-of-vault links left out), once
    /// per link: a path linked twice comes twice, which every index update takes as once (no set per note).
    /// </summary>
    private static IEnumerable<string> MarkdownLinkPaths(ParsedNote note)
    {
        // Asked of every note by every build: most notes have no Markdown link.
        if (note.MarkdownLinks.IsEmpty) return [];
        var paths = new List<string>(note.MarkdownLinks.Length);
        foreach (var link in note.MarkdownLinks)
        {
            if (link.Path.Length == 0) continue;
            if (NormalizeLinkPath(note.Path, link.Path, out _) is { } path) paths.Add(path);
        }
        return paths;
    }
}
