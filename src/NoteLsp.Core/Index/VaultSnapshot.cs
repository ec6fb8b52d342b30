using System.Collections.Immutable;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;

namespace NoteLsp.Core.Index;

/// <summary>
/// An immutable view of a vault: notes by path, name index (stem / title / alias keys) and link index
/// (which notes link to which key or path). Updates return a new snapshot sharing structure with the old.
/// </summary>
/// <remarks>
/// Every index entry of a note is a pure function of the note itself (and the note extensions), so an update
/// removes exactly the old note's entries and adds the new note's: O(names + links of that note · log n).
/// </remarks>
public sealed class VaultSnapshot
{
    private static readonly ImmutableArray<string> DefaultExtensions = [".md", ".markdown"];

    private static readonly ImmutableDictionary<string, PathSet> NoKeys =
        ImmutableDictionary.Create<string, PathSet>(StringComparer.Ordinal);

    private static readonly ImmutableDictionary<string, PathSet> NoPaths =
        ImmutableDictionary.Create<string, PathSet>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Notes by exact vault-relative path, in ordinal path order.</summary>
    private readonly ImmutableSortedDictionary<string, ParsedNote> _notes;

    /// <summary>Case-insensitive path → exact paths (the fallback of Markdown link resolution).</summary>
    private readonly ImmutableDictionary<string, PathSet> _pathsIgnoringCase;

    /// <summary>Name index: Key → paths of the notes with that stem / title / alias key.</summary>
    private readonly ImmutableDictionary<string, PathSet> _byStem;
    private readonly ImmutableDictionary<string, PathSet> _byTitle;
    private readonly ImmutableDictionary<string, PathSet> _byAlias;

    /// <summary>Link index for wikilinks: a key a link uses → paths of the notes containing such a link.</summary>
    private readonly ImmutableDictionary<string, PathSet> _wikiLinkSources;

    /// <summary>Link index for Markdown links: normalized target path (case-insensitive) → paths of the linking notes.</summary>
    private readonly ImmutableDictionary<string, PathSet> _pathLinkSources;

    /// <summary>
    /// The sorted name index (completion, name suggestions): built on first use and handed on to the next snapshot
    /// while no name changes (most edits touch only a note's body).
    /// </summary>
    private sealed class NameCache
    {
        public NameIndex? Index;

        /// <summary>The cache of an earlier snapshot and the notes whose names changed since: the index is derived from its.</summary>
        public NameCache? Base;

        public IReadOnlyCollection<string> ChangedPaths = [];

        /// <summary>A cache for a snapshot where the names of these notes changed, deriving from this one's when it can.</summary>
        public NameCache After(IReadOnlyCollection<string> changedPaths)
        {
            // Hand on the closest cache whose index is built (or will be), never a chain of caches.
            if (Index is null && Base is not null)
            {
                var union = new HashSet<string>(ChangedPaths, StringComparer.Ordinal);
                union.UnionWith(changedPaths);
                return union.Count > NameIndex.MaxOverlay ? new NameCache() : new NameCache { Base = Base, ChangedPaths = union };
            }
            return changedPaths.Count > NameIndex.MaxOverlay ? new NameCache() : new NameCache { Base = this, ChangedPaths = changedPaths };
        }
    }

    private readonly NameCache _nameKeys;

    /// <summary>The vault's files that are not notes (images, PDFs), never read: case-insensitive path → exact paths.</summary>
    private ImmutableDictionary<string, PathSet> OtherFilesByPath { get; init; } = NoPaths;

    /// <summary>The same files by file name (case-insensitive): "[[pic.png]]" names an attachment wherever it is.</summary>
    private ImmutableDictionary<string, PathSet> OtherFilesByName { get; init; } = NoPaths;

    private VaultSnapshot(
        ImmutableArray<string> extensions,
        ImmutableSortedDictionary<string, ParsedNote> notes,
        ImmutableDictionary<string, PathSet> pathsIgnoringCase,
        ImmutableDictionary<string, PathSet> byStem,
        ImmutableDictionary<string, PathSet> byTitle,
        ImmutableDictionary<string, PathSet> byAlias,
        ImmutableDictionary<string, PathSet> wikiLinkSources,
        ImmutableDictionary<string, PathSet> pathLinkSources,
        NameCache nameKeys)
    {
        _nameKeys = nameKeys;
        NoteExtensions = extensions;
        _notes = notes;
        _pathsIgnoringCase = pathsIgnoringCase;
        _byStem = byStem;
        _byTitle = byTitle;
        _byAlias = byAlias;
        _wikiLinkSources = wikiLinkSources;
        _pathLinkSources = pathLinkSources;
    }

    public static VaultSnapshot Empty { get; } = new(
        DefaultExtensions,
        ImmutableSortedDictionary.Create<string, ParsedNote>(StringComparer.Ordinal),
        NoPaths, NoKeys, NoKeys, NoKeys, NoKeys, NoPaths, new NameCache());

    public static VaultSnapshot Build(IEnumerable<ParsedNote> notes) => Build(notes, DefaultExtensions);

    /// <summary>Builds all indexes in one pass with mutable builders (no per-note snapshot). A later note with the same path wins.</summary>
    public static VaultSnapshot Build(IEnumerable<ParsedNote> notes, IEnumerable<string> extensions)
    {
        var normalizedExtensions = NormalizeExtensions(extensions);
        var byPath = new Dictionary<string, ParsedNote>(StringComparer.Ordinal);
        foreach (var note in notes) byPath[note.Path] = note;

        var pathsIgnoringCase = new PathSets.Accumulator(StringComparer.OrdinalIgnoreCase);
        var byStem = new PathSets.Accumulator(StringComparer.Ordinal);
        var byTitle = new PathSets.Accumulator(StringComparer.Ordinal);
        var byAlias = new PathSets.Accumulator(StringComparer.Ordinal);
        var wikiLinkSources = new PathSets.Accumulator(StringComparer.Ordinal);
        var pathLinkSources = new PathSets.Accumulator(StringComparer.OrdinalIgnoreCase);
        foreach (var note in byPath.Values)
        {
            pathsIgnoringCase.Add(note.Path, note.Path);
            byStem.Add(NoteNames.Key(note.Stem), note.Path);
            byTitle.Add(NoteNames.Key(note.Title), note.Path);
            foreach (var alias in note.Aliases) byAlias.Add(NoteNames.Key(alias.Value), note.Path);
            foreach (var key in WikiLinkKeys(note, normalizedExtensions)) wikiLinkSources.Add(key, note.Path);
            foreach (var path in MarkdownLinkPaths(note)) pathLinkSources.Add(path, note.Path);
        }

        var sortedNotes = ImmutableSortedDictionary.CreateBuilder<string, ParsedNote>(StringComparer.Ordinal);
        sortedNotes.AddRange(byPath);
        return new VaultSnapshot(
            normalizedExtensions,
            sortedNotes.ToImmutable(),
            pathsIgnoringCase.ToImmutable(),
            byStem.ToImmutable(),
            byTitle.ToImmutable(),
            byAlias.ToImmutable(),
            wikiLinkSources.ToImmutable(),
            pathLinkSources.ToImmutable(),
            new NameCache());
    }

    /// <summary>Note extensions (lower-case, with the dot) used to tell a Markdown link to a note from a link to an image or a PDF.</summary>
    public ImmutableArray<string> NoteExtensions { get; }

    /// <summary>The same notes with other note extensions (from the vault's config).</summary>
    public VaultSnapshot WithNoteExtensions(IEnumerable<string> extensions)
    {
        var normalized = NormalizeExtensions(extensions);
        if (normalized.SequenceEqual(NoteExtensions)) return this;
        // Link keys depend on the extensions (a trailing ".md" is ignored): rebuild, which is rare (a config change).
        return Build(_notes.Values, normalized).WithOtherFileIndexes(OtherFilesByPath, OtherFilesByName);
    }

    public int Count => _notes.Count;

    /// <summary>All notes in ordinal path order.</summary>
    public IEnumerable<ParsedNote> Notes => _notes.Values;

    public ParsedNote? GetNote(string path) => _notes.TryGetValue(path, out var note) ? note : null;

    /// <summary>Adds the note or replaces the note with the same path.</summary>
    public VaultSnapshot WithNote(ParsedNote note)
    {
        if (ReferenceEquals(GetNote(note.Path), note)) return this;
        var editor = new Editor(this);
        editor.Put(note);
        return editor.ToSnapshot();
    }

    /// <summary>
    /// Adds or replaces many notes at once (a batch of a scan): one pass over mutable builders of the indexes,
    /// much cheaper than a new snapshot per note. A later note with the same path wins.
    /// </summary>
    public VaultSnapshot WithNotes(IEnumerable<ParsedNote> notes)
    {
        var editor = new Editor(this);
        foreach (var note in notes) editor.Put(note);
        return editor.ToSnapshot();
    }

    public VaultSnapshot WithoutNote(string path)
    {
        if (GetNote(path) is null) return this;
        var editor = new Editor(this);
        editor.Remove(path);
        return editor.ToSnapshot();
    }

    /// <summary>
    /// Applies updates to builders of every index, then freezes them into a new snapshot. Every index entry of a note
    /// is a pure function of the note (and the extensions), so replacing a note removes exactly its old entries.
    /// </summary>
    private sealed class Editor(VaultSnapshot from)
    {
        private readonly ImmutableSortedDictionary<string, ParsedNote>.Builder _notes = from._notes.ToBuilder();
        private readonly ImmutableDictionary<string, PathSet>.Builder _pathsIgnoringCase = from._pathsIgnoringCase.ToBuilder();
        private readonly ImmutableDictionary<string, PathSet>.Builder _byStem = from._byStem.ToBuilder();
        private readonly ImmutableDictionary<string, PathSet>.Builder _byTitle = from._byTitle.ToBuilder();
        private readonly ImmutableDictionary<string, PathSet>.Builder _byAlias = from._byAlias.ToBuilder();
        private readonly ImmutableDictionary<string, PathSet>.Builder _wikiLinkSources = from._wikiLinkSources.ToBuilder();
        private readonly ImmutableDictionary<string, PathSet>.Builder _pathLinkSources = from._pathLinkSources.ToBuilder();
        private readonly HashSet<string> _namesChanged = new(StringComparer.Ordinal);

        public void Put(ParsedNote note)
        {
            var before = _notes.GetValueOrDefault(note.Path);
            if (ReferenceEquals(before, note)) return;
            if (before is not null) RemoveEntries(before);
            else PathSets.Add(_pathsIgnoringCase, note.Path, note.Path);
            PathSets.Add(_byStem, NoteNames.Key(note.Stem), note.Path);
            PathSets.Add(_byTitle, NoteNames.Key(note.Title), note.Path);
            foreach (var alias in note.Aliases) PathSets.Add(_byAlias, NoteNames.Key(alias.Value), note.Path);
            foreach (var key in WikiLinkKeys(note, from.NoteExtensions)) PathSets.Add(_wikiLinkSources, key, note.Path);
            foreach (var path in MarkdownLinkPaths(note)) PathSets.Add(_pathLinkSources, path, note.Path);
            _notes[note.Path] = note;
            // Most edits touch only a note's body: then the list of name keys stays valid.
            if (before is null || !NameKeys(before).SequenceEqual(NameKeys(note))) _namesChanged.Add(note.Path);
        }

        public void Remove(string path)
        {
            if (_notes.GetValueOrDefault(path) is not { } before) return;
            RemoveEntries(before);
            PathSets.Remove(_pathsIgnoringCase, path, path);
            _notes.Remove(path);
            _namesChanged.Add(path);
        }

        private void RemoveEntries(ParsedNote note)
        {
            PathSets.Remove(_byStem, NoteNames.Key(note.Stem), note.Path);
            PathSets.Remove(_byTitle, NoteNames.Key(note.Title), note.Path);
            foreach (var alias in note.Aliases) PathSets.Remove(_byAlias, NoteNames.Key(alias.Value), note.Path);
            foreach (var key in WikiLinkKeys(note, from.NoteExtensions)) PathSets.Remove(_wikiLinkSources, key, note.Path);
            foreach (var path in MarkdownLinkPaths(note)) PathSets.Remove(_pathLinkSources, path, note.Path);
        }

        public VaultSnapshot ToSnapshot() => new(from.NoteExtensions, _notes.ToImmutable(), _pathsIgnoringCase.ToImmutable(),
            _byStem.ToImmutable(), _byTitle.ToImmutable(), _byAlias.ToImmutable(), _wikiLinkSources.ToImmutable(),
            _pathLinkSources.ToImmutable(), _namesChanged.Count == 0 ? from._nameKeys : from._nameKeys.After(_namesChanged))
        {
            OtherFilesByPath = from.OtherFilesByPath,
            OtherFilesByName = from.OtherFilesByName,
        };
    }

    // ---------------------------------------------------------------- other files (attachments)

    private VaultSnapshot WithOtherFileIndexes(ImmutableDictionary<string, PathSet> byPath, ImmutableDictionary<string, PathSet> byName) =>
        new(NoteExtensions, _notes, _pathsIgnoringCase, _byStem, _byTitle, _byAlias, _wikiLinkSources, _pathLinkSources, _nameKeys)
        {
            OtherFilesByPath = byPath,
            OtherFilesByName = byName,
        };

    /// <summary>These vault-relative paths of files that are not notes replace the ones known so far (a scan).</summary>
    public VaultSnapshot WithOtherFiles(IEnumerable<string> paths)
    {
        var byPath = new PathSets.Accumulator(StringComparer.OrdinalIgnoreCase);
        var byName = new PathSets.Accumulator(StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths)
        {
            byPath.Add(path, path);
            byName.Add(FileNameOf(path), path);
        }
        return WithOtherFileIndexes(byPath.ToImmutable(), byName.ToImmutable());
    }

    /// <summary>A file that is not a note appeared (or was found again).</summary>
    public VaultSnapshot WithOtherFile(string path)
    {
        if (PathSets.Get(OtherFilesByPath, path).Contains(path)) return this;
        var byPath = OtherFilesByPath.ToBuilder();
        var byName = OtherFilesByName.ToBuilder();
        PathSets.Add(byPath, path, path);
        PathSets.Add(byName, FileNameOf(path), path);
        return WithOtherFileIndexes(byPath.ToImmutable(), byName.ToImmutable());
    }

    /// <summary>A file that is not a note, or a folder with such files, was deleted.</summary>
    public VaultSnapshot WithoutOtherFiles(string path)
    {
        var gone = OtherFilesAt(path);
        if (gone.Count == 0) return this;
        var byPath = OtherFilesByPath.ToBuilder();
        var byName = OtherFilesByName.ToBuilder();
        foreach (var file in gone)
        {
            PathSets.Remove(byPath, file, file);
            PathSets.Remove(byName, FileNameOf(file), file);
        }
        return WithOtherFileIndexes(byPath.ToImmutable(), byName.ToImmutable());
    }

    /// <summary>The known other file at the path, or the ones under it when it is a folder.</summary>
    public IReadOnlyList<string> OtherFilesAt(string path)
    {
        if (HasOtherFile(path)) return [path];
        // A deleted note is not a folder (the common case): no walk over every file.
        if (IsNoteExtension(ExtensionOf(path)) || OtherFilesByPath.IsEmpty) return [];
        var prefix = path + "/";
        return OtherFiles.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Every known file that is not a note, unordered.</summary>
    public IEnumerable<string> OtherFiles => OtherFilesByPath.Values.SelectMany(set => set);

    public bool HasOtherFile(string path) => PathSets.Get(OtherFilesByPath, path).Contains(path);

    /// <summary>Notes with a link that may name the file (by its name or its path): their diagnostics change when it comes or goes.</summary>
    public IReadOnlyList<string> NotesLinkingToFile(string path)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        result.UnionWith(PathSets.Get(_wikiLinkSources, NoteNames.Key(StripNoteExtension(FileNameOf(path), NoteExtensions))));
        result.UnionWith(PathSets.Get(_pathLinkSources, path));
        return [.. result];
    }

    private static string FileNameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

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

    private static string? ExactOrIgnoringCase(ImmutableDictionary<string, PathSet> byPath, string path)
    {
        var set = PathSets.Get(byPath, path);
        if (set.Contains(path)) return path;
        foreach (var candidate in set) return candidate; // paths are ordered: the first ignoring case
        return null;
    }

    // ---------------------------------------------------------------- resolution

    private static readonly LinkResolution EmptyLink = new(TargetStatus.Empty, MatchRank.None, [], FragmentStatus.None, null, null);
    private static readonly LinkResolution BrokenLink = new(TargetStatus.Broken, MatchRank.None, [], FragmentStatus.None, null, null);
    private static readonly LinkResolution NotANoteLink = new(TargetStatus.NotANote, MatchRank.None, [], FragmentStatus.None, null, null);

    /// <summary>docs/notes-format.md §3/§4: self, then path (a target with '/'), else stem, title, alias by Key; then the heading or block.</summary>
    public LinkResolution Resolve(ParsedNote source, WikiLink link) => Resolve(source, link, null);

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
    /// The notes a wikilink target text names, at the first rank that matches (docs/notes-format.md §3), in path order.
    /// A target with '/' matches by path suffix; only if no path matches is it compared with titles and aliases
    /// (which may contain a '/', e.g. "TCP/IP"), never with stems (a stem has no '/').
    /// </summary>
    internal (MatchRank Rank, ImmutableArray<ParsedNote> Candidates) MatchTarget(string targetText)
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

    private ImmutableArray<ParsedNote> Lookup(ImmutableDictionary<string, PathSet> index, string key)
    {
        if (!index.TryGetValue(key, out var paths)) return [];
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

    /// <summary>The heading a wikilink's "#text" reaches: the first whose text has the same Key, else the one with that anchor.</summary>
    public static Heading? FindWikiHeading(ParsedNote note, string text) => FindHeadingByKey(note, text) ?? FindHeadingByAnchor(note, text);

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

    private static Heading? FindHeadingByKey(ParsedNote note, string text)
    {
        var key = NoteNames.Key(text);
        if (note.Headings.Length > FragmentIndex.MinElements) return FragmentIndex.Of(note).HeadingsByKey.GetValueOrDefault(key);
        foreach (var heading in note.Headings)
        {
            if (NoteNames.KeyEquals(heading.Text, key)) return heading;
        }
        return null;
    }

    private static Heading? FindHeadingByAnchor(ParsedNote note, string anchor)
    {
        anchor = anchor.Trim();
        if (note.Headings.Length > FragmentIndex.MinElements) return FragmentIndex.Of(note).HeadingsByAnchor.GetValueOrDefault(anchor);
        foreach (var heading in note.Headings)
        {
            if (string.Equals(heading.Anchor, anchor, StringComparison.OrdinalIgnoreCase)) return heading;
        }
        return null;
    }

    private static BlockId? FindBlock(ParsedNote note, string id)
    {
        id = id.Trim().TrimStart('^');
        if (note.BlockIds.Length > FragmentIndex.MinElements) return FragmentIndex.Of(note).Blocks.GetValueOrDefault(id);
        foreach (var block in note.BlockIds)
        {
            if (string.Equals(block.Id.TrimStart('^'), id, StringComparison.OrdinalIgnoreCase)) return block;
        }
        return null;
    }

    /// <summary>
    /// A note's headings and block ids by the names links use, built once per (immutable) note: a note with 100,000 block
    /// ids linking to each other was quadratic (minutes for its diagnostics and document links). The first match wins,
    /// as in the linear search that small notes keep.
    /// </summary>
    private sealed class FragmentIndex
    {
        public const int MinElements = 32;

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ParsedNote, FragmentIndex> Indexes = new();

        private FragmentIndex(ParsedNote note)
        {
            foreach (var heading in note.Headings)
            {
                HeadingsByKey.TryAdd(NoteNames.Key(heading.Text), heading);
                HeadingsByAnchor.TryAdd(heading.Anchor, heading);
            }
            foreach (var block in note.BlockIds) Blocks.TryAdd(block.Id.TrimStart('^'), block);
        }

        public static FragmentIndex Of(ParsedNote note) => Indexes.GetValue(note, static n => new FragmentIndex(n));

        public Dictionary<string, Heading> HeadingsByKey { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Heading> HeadingsByAnchor { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, BlockId> Blocks { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    // ---------------------------------------------------------------- link index queries

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
    public IReadOnlyList<LinkReference> LinksTo(string path) => ResolvedLinksTo(path).ConvertAll(r => r.Reference);

    /// <summary>
    /// <see cref="LinksTo"/> with each link's resolution, so callers need not resolve twice. Only links that could name
    /// the note are resolved, and the pre-filters allocate nothing: a references request costs about O(result).
    /// </summary>
    internal List<(LinkReference Reference, LinkResolution Resolution)> ResolvedLinksTo(string path)
    {
        var result = new List<(LinkReference, LinkResolution)>();
        if (GetNote(path) is not { } target) return result;
        var sources = new HashSet<string>(CandidateSources(target), StringComparer.Ordinal) { path }.ToArray();
        Array.Sort(sources, StringComparer.Ordinal);
        var targetKeys = NameKeys(target).Distinct(StringComparer.Ordinal).ToArray();
        var firstLetters = targetKeys.Where(k => k.Length > 0).Select(k => k[0]).ToHashSet();
        var matches = new Dictionary<string, (MatchRank, ImmutableArray<ParsedNote>)>(StringComparer.Ordinal);
        var inSource = new List<(Text.TextPosition Start, LinkReference Reference, LinkResolution Resolution)>();
        foreach (var sourcePath in sources)
        {
            var source = _notes[sourcePath];
            inSource.Clear();
            foreach (var link in source.WikiLinks)
            {
                // Only a link that uses one of the target's names (or points into its own note) can resolve to it.
                if (link.Target.Length == 0 ? sourcePath != path : !UsesAnyKey(link, targetKeys, firstLetters)) continue;
                var resolution = Resolve(source, link, matches);
                if (resolution.Target?.Path == path) inSource.Add((link.Range.Start, new LinkReference(source, link, null), resolution));
            }
            foreach (var link in source.MarkdownLinks)
            {
                // The decoded path names the file, so it contains the stem (in any case); "" is the source itself.
                if (link.Path.Length == 0 ? sourcePath != path : !link.Path.Contains(target.Stem, StringComparison.OrdinalIgnoreCase)) continue;
                var resolution = Resolve(source, link);
                if (resolution.Target?.Path == path) inSource.Add((link.Range.Start, new LinkReference(source, null, link), resolution));
            }
            if (inSource.Count > 1) inSource.Sort((a, b) => a.Start.CompareTo(b.Start));
            foreach (var (_, reference, resolution) in inSource) result.Add((reference, resolution));
        }
        return result;
    }

    /// <summary>Number of links (from other notes) that resolve to the note at path.</summary>
    public int BacklinkCount(string path) => LinksTo(path).Count(r => r.Source.Path != path);

    /// <summary>Notes whose stem, title or alias key is the key (for completion / workspace symbols), in path order.</summary>
    public ImmutableArray<ParsedNote> NotesWithKey(string key)
    {
        var paths = new SortedSet<string>(PathSets.Get(_byStem, key), StringComparer.Ordinal);
        paths.UnionWith(PathSets.Get(_byTitle, key));
        paths.UnionWith(PathSets.Get(_byAlias, key));
        var result = ImmutableArray.CreateBuilder<ParsedNote>(paths.Count);
        foreach (var path in paths) result.Add(_notes[path]);
        return result.MoveToImmutable();
    }

    /// <summary>Every distinct name key (for name suggestions).</summary>
    internal IEnumerable<string> AllNameKeys() => Names.DistinctKeys;

    /// <summary>Every name of every note, sorted by key (completion); built on first use, shared until a name changes.</summary>
    public NameIndex Names => _nameKeys.Index ??= DeriveNames(); // a race builds it twice, harmlessly

    private NameIndex DeriveNames()
    {
        // After a few notes' names changed (a title edited), the earlier index with an overlay of those notes.
        if (_nameKeys.Base is { } earlier && earlier.Index is { } index
            && index.With(_nameKeys.ChangedPaths, GetNote, LinkingNoteCount) is { } derived)
        {
            _nameKeys.Base = null; // the earlier snapshot's index need not be kept alive any longer
            return derived;
        }
        _nameKeys.Base = null;
        return NameIndex.Build(_notes.Values, LinkingNoteCount);
    }

    /// <summary>
    /// How many notes link to one of the note's names or to its path: O(names), from the link index, without resolving
    /// anything. A ranking hint (a note linking by a shared name is counted too); <see cref="BacklinkCount"/> is exact.
    /// </summary>
    public int LinkingNoteCount(ParsedNote note)
    {
        var count = 0;
        foreach (var key in NameKeys(note).Distinct()) count += PathSets.Get(_wikiLinkSources, key).Count;
        return count + PathSets.Get(_pathLinkSources, note.Path).Count;
    }

    // ---------------------------------------------------------------- keys and paths

    /// <summary>The keys a note answers to: its stem's, its title's and its aliases'.</summary>
    internal static IEnumerable<string> NameKeys(ParsedNote note)
    {
        yield return NoteNames.Key(note.Stem);
        yield return NoteNames.Key(note.Title);
        foreach (var alias in note.Aliases) yield return NoteNames.Key(alias.Value);
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

    /// <summary>
    /// The link-index keys of a note's wikilinks: Key of the target (extension ignored), and for a target with '/' also
    /// the Key of its last segment. Self-links are not indexed: they only depend on their own note.
    /// </summary>
    private static IEnumerable<string> WikiLinkKeys(ParsedNote note, ImmutableArray<string> extensions)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in note.WikiLinks)
        {
            if (link.Target.Length == 0) continue;
            var target = StripNoteExtension(link.Target.Trim(), extensions);
            keys.Add(NoteNames.Key(target));
            var lastSlash = target.LastIndexOf('/');
            if (lastSlash >= 0) keys.Add(NoteNames.Key(target[(lastSlash + 1)..]));
        }
        return keys;
    }

    /// <summary>The normalized vault paths a note's Markdown links point to (fragment-only and out-of-vault links left out).</summary>
    private static IEnumerable<string> MarkdownLinkPaths(ParsedNote note)
    {
        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var link in note.MarkdownLinks)
        {
            if (link.Path.Length == 0) continue;
            if (NormalizeLinkPath(note.Path, link.Path, out _) is { } path) paths.Add(path);
        }
        return paths;
    }

    /// <summary>
    /// Resolves a link path against the linking note's folder ('/' = vault root), folding "." and "..".
    /// Null when it leaves the vault (escapesVault) or names the vault folder itself.
    /// </summary>
    internal static string? NormalizeLinkPath(string sourcePath, string linkPath, out bool escapesVault)
    {
        escapesVault = false;
        var parts = new List<string>();
        if (!linkPath.StartsWith('/'))
        {
            var folders = sourcePath.Split('/');
            for (var i = 0; i < folders.Length - 1; i++) parts.Add(folders[i]);
        }
        foreach (var segment in linkPath.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..")
            {
                if (parts.Count == 0)
                {
                    escapesVault = true;
                    return null;
                }
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(segment);
        }
        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>
    /// The extension of a path's last segment, with the dot, or "" when it has none. Only a short run of ASCII letters
    /// and digits with at least one letter counts, so "v1.2 notes" and "Meeting 2024.01" have no extension.
    /// </summary>
    internal static string ExtensionOf(string path)
    {
        var lastSlash = path.LastIndexOf('/');
        var dot = path.LastIndexOf('.');
        if (dot <= lastSlash + 1 || dot == path.Length - 1 || path.Length - dot > 11) return "";
        var hasLetter = false;
        for (var i = dot + 1; i < path.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(path[i])) return "";
            hasLetter |= char.IsAsciiLetter(path[i]);
        }
        return hasLetter ? path[dot..] : "";
    }

    private static string PathWithoutExtension(string path)
    {
        var extension = ExtensionOf(path);
        return extension.Length == 0 ? path : path[..^extension.Length];
    }

    private bool IsNoteExtension(string extension) =>
        extension.Length > 0 && NoteExtensions.Any(e => e.Equals(extension, StringComparison.OrdinalIgnoreCase));

    /// <summary>"foo.md" → "foo": a wikilink may spell the file name with its extension.</summary>
    internal static string StripNoteExtension(string target, ImmutableArray<string> extensions)
    {
        var stripped = StripNoteExtension(target.AsSpan(), extensions);
        return stripped.Length == target.Length ? target : stripped.ToString();
    }

    /// <summary>The target without a trailing note extension (and the blanks before it), without allocating.</summary>
    internal static ReadOnlySpan<char> StripNoteExtension(ReadOnlySpan<char> target, ImmutableArray<string> extensions)
    {
        foreach (var extension in extensions)
        {
            if (target.Length > extension.Length && target.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return target[..^extension.Length].TrimEnd();
            }
        }
        return target;
    }

    private static ImmutableArray<string> NormalizeExtensions(IEnumerable<string> extensions)
    {
        var result = extensions
            .Select(e => e.Trim().ToLowerInvariant())
            .Where(e => e.Length > 0)
            .Select(e => e.StartsWith('.') ? e : "." + e)
            .Distinct()
            .ToImmutableArray();
        return result.IsEmpty ? DefaultExtensions : result;
    }
}
