using System.Collections.Concurrent;
using System.Collections.Immutable;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;

namespace NoteLsp.Core.Index;

/// <summary>Link resolution (docs/notes-format.md §3–5): every feature and diagnostic goes through <see cref="Resolve(ParsedNote, WikiLink)"/>.</summary>
public sealed partial class VaultSnapshot
{
    private static readonly LinkResolution EmptyLink = new(TargetStatus.Empty, MatchRank.None, [], FragmentStatus.None, null, null);
    private static readonly LinkResolution BrokenLink = new(TargetStatus.Broken, MatchRank.None, [], FragmentStatus.None, null, null);
    private static readonly LinkResolution NotANoteLink = new(TargetStatus.NotANote, MatchRank.None, [], FragmentStatus.None, null, null);

    /// <summary>docs/notes-format.md §3/§4: self, then path (a target with '/'), else stem, title, alias by Key; then the heading or block.</summary>
    public LinkResolution Resolve(ParsedNote source, WikiLink link) => Resolve(source, link, (Dictionary<string, (MatchRank, ImmutableArray<ParsedNote>)>?)null);

    /// <param name="matches">target text → its match, to share among many links with the same target (backlinks)</param>
    internal LinkResolution Resolve(ParsedNote source, WikiLink link, Dictionary<string, (MatchRank, ImmutableArray<ParsedNote>)>? matches)
    {
        if (link.Target.Length == 0)
        {
            return link.IsSelfReference ? WithWikiFragment([source], MatchRank.Self, link) : EmptyLink;
        }
        (MatchRank Rank, ImmutableArray<ParsedNote> Candidates) match;
        if (matches is null) match = MatchTarget(link.Target);
        else if (!matches.TryGetValue(link.Target, out match)) matches[link.Target] = match = MatchTarget(link.Target);
        var (rank, candidates) = match;
        return candidates.Length switch
        {
            // "![[diagram.png]]" embeds an attachment: it resolves to that file when the vault has it, else it is broken.
            0 => FindOtherFileForWikiLink(source.Path, link.Target) is { } file ? NotANoteLink with { File = file } : BrokenLink,
            1 => WithWikiFragment(candidates, rank, link),
            _ => new LinkResolution(TargetStatus.Ambiguous, rank, candidates, FragmentStatus.None, null, null),
        };
    }

    /// <summary>
    /// <see cref="Resolve(ParsedNote, WikiLink)"/> shared among the links of one request (references, rename: 160,000
    /// links to one note at 100,000 notes). A link that names a note resolves from its target, heading and block id
    /// alone, so equal links resolve once; a link to nothing is resolved each time (an attachment is looked up from
    /// the source's folder) and so is a self-link (it names its own note).
    /// </summary>
    internal LinkResolution Resolve(ParsedNote source, WikiLink link, ResolutionMemo memo)
    {
        if (link.Target.Length == 0) return Resolve(source, link);
        // Most links have no fragment: those are looked up by their target alone, a string key (hashed without the
        // per-process randomization a tuple of strings pays: 10 % of a first references of a hub note at 100,000 notes).
        if (link.Heading is null && link.BlockId is null)
        {
            if (memo.WikiTargets.TryGetValue(link.Target, out var plain)) return plain;
            var plainResolution = Resolve(source, link, memo.Matches);
            if (!plainResolution.Candidates.IsEmpty) memo.WikiTargets[link.Target] = plainResolution;
            return plainResolution;
        }
        var key = (link.Target, link.Heading, link.BlockId);
        if (memo.Wiki.TryGetValue(key, out var shared)) return shared;
        var resolution = Resolve(source, link, memo.Matches);
        if (!resolution.Candidates.IsEmpty) memo.Wiki[key] = resolution;
        return resolution;
    }

    /// <summary>
    /// <see cref="Resolve(ParsedNote, MarkdownLink)"/> shared among the links of one request: a Markdown link resolves
    /// from its source's folder, its path and its fragment alone ("" names the source itself: not shared).
    /// </summary>
    internal LinkResolution Resolve(ParsedNote source, MarkdownLink link, string sourceFolder, ResolutionMemo memo)
    {
        if (link.Path.Length == 0) return Resolve(source, link);
        var key = (sourceFolder, link.Path, link.Fragment);
        if (!memo.Markdown.TryGetValue(key, out var resolution)) memo.Markdown[key] = resolution = Resolve(source, link);
        return resolution;
    }

    /// <summary>The resolutions one request has made, for <see cref="Resolve(ParsedNote, WikiLink, ResolutionMemo)"/>; lives as long as the request.</summary>
    internal sealed class ResolutionMemo
    {
        public Dictionary<string, (MatchRank, ImmutableArray<ParsedNote>)> Matches { get; } = new(StringComparer.Ordinal);

        /// <summary>Wikilinks with no heading and no block id, by target.</summary>
        public Dictionary<string, LinkResolution> WikiTargets { get; } = new(StringComparer.Ordinal);

        /// <summary>Wikilinks with a heading or a block id.</summary>
        public Dictionary<(string Target, string? Heading, string? BlockId), LinkResolution> Wiki { get; } = [];

        public Dictionary<(string Folder, string Path, string? Fragment), LinkResolution> Markdown { get; } = [];
    }

    /// <summary>
    /// The notes a wikilink target text names, at the first rank that matches (docs/notes-format.md §3), in path order.
    /// A target with '/' matches by path suffix; only if no path matches is it compared with titles and aliases
    /// (which may contain a '/', e.g. "TCP/IP"), never with stems (a stem has no '/').
    /// </summary>
    internal (MatchRank Rank, ImmutableArray<ParsedNote> Candidates) MatchTarget(string targetText)
    {
        // A pure function of this snapshot and the text: remembered for the snapshot's life, so the vault-wide
        // diagnostics pass (every link of every note) matches each distinct target once, not once per link.
        // The vault-wide diagnostics pass fills it from every core at once: many lock stripes, so adds rarely wait.
        var memo = _targetMatches ?? Interlocked.CompareExchange(ref _targetMatches,
            new(concurrencyLevel: 16 * Environment.ProcessorCount, capacity: 1 << 12, StringComparer.Ordinal), null) ?? _targetMatches;
        if (memo.TryGetValue(targetText, out var known)) return known;
        var match = MatchTargetOnce(targetText);
        // Bounded: a snapshot that lives long (no edit for a while) must not grow with every distinct text asked about.
        if (Interlocked.Increment(ref _targetMatchCount) <= MaxRememberedTargets) memo.TryAdd(targetText, match);
        return match;
    }

    private const int MaxRememberedTargets = 1 << 18;

    private ConcurrentDictionary<string, (MatchRank, ImmutableArray<ParsedNote>)>? _targetMatches;

    private int _targetMatchCount;

    private (MatchRank Rank, ImmutableArray<ParsedNote> Candidates) MatchTargetOnce(string targetText)
    {
        var target = StripNoteExtension(targetText.Trim(), NoteExtensions);
        if (target.Contains('/'))
        {
            var byPath = MatchPath(target);
            if (byPath.Length > 0) return (MatchRank.Path, byPath);
            var key = NoteNames.Key(target);
            // A note without a title is titled by its stem, which "a/b" must not match as "ab".
            var titled = Lookup(_byTitle, key).RemoveAll(n => n.TitleSource == TitleSource.Stem);
            if (titled.Length > 0) return (MatchRank.Title, titled);
            if (Lookup(_byAlias, key) is { Length: > 0 } aliased) return (MatchRank.Alias, aliased);
            return (MatchRank.None, []);
        }
        return MatchName(NoteNames.Key(target));
    }

    /// <summary>Stem, then title, then alias: the first rank with any note wins.</summary>
    internal (MatchRank Rank, ImmutableArray<ParsedNote> Candidates) MatchName(string key)
    {
        if (Lookup(_byStem, key) is { Length: > 0 } stems) return (MatchRank.Stem, stems);
        if (Lookup(_byTitle, key) is { Length: > 0 } titles) return (MatchRank.Title, titles);
        if (Lookup(_byAlias, key) is { Length: > 0 } aliases) return (MatchRank.Alias, aliases);
        return (MatchRank.None, []);
    }

    /// <summary>Notes whose path without extension ends with the target's segments (by Key); a leading '/' anchors at the vault root.</summary>
    private ImmutableArray<ParsedNote> MatchPath(string target)
    {
        var rooted = target.StartsWith('/');
        var segments = target.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0) return [];
        var segmentKeys = Array.ConvertAll(segments, NoteNames.Key);
        var result = ImmutableArray.CreateBuilder<ParsedNote>();
        foreach (var path in PathSets.Get(_byStem, segmentKeys[^1]))
        {
            var note = _notes[path];
            if (PathEndsWith(note, segmentKeys, rooted)) result.Add(note);
        }
        return result.ToImmutable();
    }

    internal static bool PathEndsWith(ParsedNote note, string[] segmentKeys, bool rooted)
    {
        // The note's folders, then its stem (the file name without extension).
        var folders = note.Path.Split('/');
        var noteSegments = folders.Length;
        if (noteSegments < segmentKeys.Length || rooted && noteSegments != segmentKeys.Length) return false;
        if (NoteNames.Key(note.Stem) != segmentKeys[^1]) return false;
        for (var i = 2; i <= segmentKeys.Length; i++)
        {
            if (NoteNames.Key(folders[noteSegments - i]) != segmentKeys[^i]) return false;
        }
        return true;
    }

    private ImmutableArray<ParsedNote> Lookup(PathMap index, string key)
    {
        var paths = index.Get(key);
        if (paths.IsEmpty) return [];
        var result = ImmutableArray.CreateBuilder<ParsedNote>(paths.Count);
        foreach (var path in paths) result.Add(_notes[path]);
        return result.MoveToImmutable();
    }

    private static LinkResolution WithWikiFragment(ImmutableArray<ParsedNote> candidates, MatchRank rank, WikiLink link)
    {
        var target = candidates[0];
        if (link.BlockId is { Length: > 0 } blockId)
        {
            var block = FindBlock(target, blockId);
            return new LinkResolution(TargetStatus.Resolved, rank, candidates, block is null ? FragmentStatus.Missing : FragmentStatus.Found, null, block);
        }
        if (link.Heading is { Length: > 0 } headingText)
        {
            // Wikilinks name headings by their text; an anchor ("intro-1") also works.
            var heading = FindWikiHeading(target, headingText);
            return new LinkResolution(TargetStatus.Resolved, rank, candidates, heading is null ? FragmentStatus.Missing : FragmentStatus.Found, heading, null);
        }
        return new LinkResolution(TargetStatus.Resolved, rank, candidates, FragmentStatus.None, null, null);
    }

    /// <summary>
    /// docs/notes-format.md §5: "" is the source itself; else the (decoded) path relative to the source's folder ('/' = vault root),
    /// exact match, else case-insensitive. A path with another extension is not a note (never diagnosed); a path without
    /// extension tries each note extension.
    /// </summary>
    public LinkResolution Resolve(ParsedNote source, MarkdownLink link)
    {
        if (link.Path.Length == 0) return WithMarkdownFragment(source, MatchRank.Self, link);
        var normalized = NormalizeLinkPath(source.Path, link.Path, out var escapesVault);
        if (normalized is null)
        {
            // Outside the vault (or the vault folder itself): a note link there is broken, anything else is not ours.
            return escapesVault && IsNoteExtension(ExtensionOf(link.Path)) ? BrokenLink : NotANoteLink;
        }
        var found = FindByLinkPath(normalized);
        var extension = ExtensionOf(normalized);
        if (found.Length == 0)
        {
            if (IsNoteExtension(extension)) return BrokenLink;
            // A path with an extension names a file: fine when the vault has it. Without one it may be a folder: left alone.
            if (ExactOrIgnoringCase(OtherFilesByPath, normalized) is { } file) return NotANoteLink with { File = file };
            return extension.Length > 0 ? BrokenLink : NotANoteLink;
        }
        if (found.Length > 1) return new LinkResolution(TargetStatus.Ambiguous, MatchRank.Path, found, FragmentStatus.None, null, null);
        return WithMarkdownFragment(found[0], MatchRank.Path, link);
    }

    /// <summary>The notes at a normalized vault path: exact, else ignoring case; a path without extension tries each note extension.</summary>
    private ImmutableArray<ParsedNote> FindByLinkPath(string normalized)
    {
        var found = FindByPath(normalized);
        if (found.Length == 0 && ExtensionOf(normalized).Length == 0)
        {
            foreach (var noteExtension in NoteExtensions)
            {
                found = FindByPath(normalized + noteExtension);
                if (found.Length > 0) break;
            }
        }
        return found;
    }

    /// <summary>The one note a Markdown link path (decoded, relative to the source's folder) reaches; null when none or several.</summary>
    public ParsedNote? NoteAtLinkPath(string sourcePath, string linkPath)
    {
        if (linkPath.Length == 0) return GetNote(sourcePath);
        var normalized = NormalizeLinkPath(sourcePath, linkPath, out _);
        return normalized is not null && FindByLinkPath(normalized) is [var note] ? note : null;
    }

    private ImmutableArray<ParsedNote> FindByPath(string path)
    {
        if (_notes.TryGetValue(path, out var exact)) return [exact];
        return Lookup(_pathsIgnoringCase, path);
    }

    private static LinkResolution WithMarkdownFragment(ParsedNote target, MatchRank rank, MarkdownLink link)
    {
        ImmutableArray<ParsedNote> candidates = [target];
        if (link.Fragment is not { Length: > 0 } fragment)
        {
            return new LinkResolution(TargetStatus.Resolved, rank, candidates, FragmentStatus.None, null, null);
        }
        if (fragment.StartsWith('^'))
        {
            var block = FindBlock(target, fragment);
            return new LinkResolution(TargetStatus.Resolved, rank, candidates, block is null ? FragmentStatus.Missing : FragmentStatus.Found, null, block);
        }
        // Markdown links name headings by their anchor; the heading text (by Key) also works.
        var heading = FindHeadingByAnchor(target, fragment) ?? FindHeadingByKey(target, fragment);
        return new LinkResolution(TargetStatus.Resolved, rank, candidates, heading is null ? FragmentStatus.Missing : FragmentStatus.Found, heading, null);
    }


    /// <summary>
    /// The non-note file a wikilink target names: a vault path ("img/pic.png", "/img/pic.png"), else a file whose path
    /// ends with the target's segments (by name, ignoring case), the one in the source's folder first, then the shortest path.
    /// </summary>
    private string? FindOtherFileForWikiLink(string sourcePath, string target)
    {
        target = target.Trim();
        var rooted = target.StartsWith('/');
        var trimmed = target.TrimStart('/');
        if (trimmed.Length == 0 || trimmed.EndsWith('/')) return null;
        if (ExactOrIgnoringCase(OtherFilesByPath, trimmed) is { } exact) return exact;
        if (rooted) return null;
        var suffix = "/" + trimmed;
        var folder = sourcePath.LastIndexOf('/') is var slash and >= 0 ? sourcePath[..(slash + 1)] : "";
        string? best = null;
        foreach (var path in PathSets.Get(OtherFilesByName, FileNameOf(trimmed)))
        {
            if (!("/" + path).EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
            if (best is null || Closer(path, best)) best = path;
        }
        return best;

        bool Closer(string path, string than)
        {
            var here = FileNameOf(path).Length + folder.Length == path.Length && path.StartsWith(folder, StringComparison.Ordinal);
            var thereHere = FileNameOf(than).Length + folder.Length == than.Length && than.StartsWith(folder, StringComparison.Ordinal);
            if (here != thereHere) return here;
            if (path.Length != than.Length) return path.Length < than.Length;
            return string.CompareOrdinal(path, than) < 0;
        }
    }

    private static string? ExactOrIgnoringCase(PathMap byPath, string path)
    {
        var set = PathSets.Get(byPath, path);
        if (set.Contains(path)) return path;
        foreach (var candidate in set) return candidate; // paths are ordered: the first ignoring case
        return null;
    }
}
