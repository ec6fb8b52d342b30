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
/// The parts: this file holds the state, its editor and the attachment index; VaultSnapshot.Links.cs the link index
/// queries; VaultSnapshot.Names.cs the name index; Resolution/ the link resolution, fragment lookup and link paths.
/// </remarks>
public sealed partial class VaultSnapshot
{
    private static readonly ImmutableArray<string> DefaultExtensions = [".md", ".markdown"];

    private static readonly PathMap NoKeys = PathMap.Empty(StringComparer.Ordinal);

    private static readonly PathMap NoPaths = PathMap.Empty(StringComparer.OrdinalIgnoreCase);

    /// <summary>Notes by exact vault-relative path, in ordinal path order.</summary>
    private readonly ImmutableSortedDictionary<string, ParsedNote> _notes;

    /// <summary>Case-insensitive path → exact paths (the fallback of Markdown link resolution).</summary>
    private readonly PathMap _pathsIgnoringCase;

    /// <summary>Name index: Key → paths of the notes with that stem / title / alias key.</summary>
    private readonly PathMap _byStem;
    private readonly PathMap _byTitle;
    private readonly PathMap _byAlias;

    /// <summary>Link index for wikilinks: a key a link uses → paths of the notes containing such a link.</summary>
    private readonly PathMap _wikiLinkSources;

    /// <summary>Link index for Markdown links: normalized target path (case-insensitive) → paths of the linking notes.</summary>
    private readonly PathMap _pathLinkSources;


    /// <summary>The vault's files that are not notes (images, PDFs), never read: case-insensitive path → exact paths.</summary>
    private PathMap OtherFilesByPath { get; init; } = NoPaths;

    /// <summary>The same files by file name (case-insensitive): "[[pic.png]]" names an attachment wherever it is.</summary>
    private PathMap OtherFilesByName { get; init; } = NoPaths;

    private VaultSnapshot(
        ImmutableArray<string> extensions,
        ImmutableSortedDictionary<string, ParsedNote> notes,
        PathMap pathsIgnoringCase,
        PathMap byStem,
        PathMap byTitle,
        PathMap byAlias,
        PathMap wikiLinkSources,
        PathMap pathLinkSources,
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

    /// <summary>
    /// Builds all indexes with mutable builders (no per-note snapshot), in three independent groups run side by side:
    /// at 100,000 notes one build is seconds of CPU, and the server's first answers wait for it. A later note with the
    /// same path wins.
    /// </summary>
    public static VaultSnapshot Build(IEnumerable<ParsedNote> notes, IEnumerable<string> extensions) => Build(notes, extensions, null);

    /// <param name="notes">the notes; a later note with the same path wins</param>
    /// <param name="extensions">the note extensions</param>
    /// <param name="linkSources">the link-source groups of the notes a note cache returned (<see cref="LinkSourceSeed"/>), used for
    /// those of them among <paramref name="notes"/> when made under the same extensions and the build has at least half of them</param>
    public static VaultSnapshot Build(IEnumerable<ParsedNote> notes, IEnumerable<string> extensions, LinkSourceSeed? linkSources)
    {
        var normalizedExtensions = NormalizeExtensions(extensions);
        var byPath = new Dictionary<string, ParsedNote>(StringComparer.Ordinal);
        foreach (var note in notes) byPath[note.Path] = note;
        var all = byPath.Values.ToArray();
        // In path order: every path list of the indexes then comes out sorted (PathSet.Create need not sort them).
        Array.Sort(all, static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        // The notes' link tables first, on every core: the largest share of the work, and independent per note. One
        // thread per core, no more: the server keeps more pool threads ready for requests, and a loop that takes them all
        // only adds threads contending for the string pool's locks and waiting on the collector.
        Parallel.For(0, all.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => LinkTableOf(all[i], normalizedExtensions));

        PathMap wikiLinkSources = NoKeys, pathLinkSources = NoPaths, videoNotes = NoKeys, notesByTag = NoKeys;
        PathMap pathsIgnoringCase = NoPaths, byStem = NoKeys, byTitle = NoKeys, byAlias = NoKeys;
        ImmutableSortedDictionary<string, ParsedNote> sortedNotes = ImmutableSortedDictionary<string, ParsedNote>.Empty;
        Parallel.Invoke(
            () =>
            {
                // The heaviest: every wikilink's keys, kept as the note's link table for references and rename.
                if (linkSources is not null && 2L * all.Length >= linkSources.NoteCount && linkSources.Extensions.SequenceEqual(normalizedExtensions))
                {
                    wikiLinkSources = linkSources.ToMap(all, note => WikiLinkKeys(note, normalizedExtensions));
                    return;
                }
                var sources = new PathSets.Accumulator(StringComparer.Ordinal);
                foreach (var note in all)
                {
                    foreach (var key in WikiLinkKeys(note, normalizedExtensions)) sources.Add(key, note.Path);
                }
                wikiLinkSources = sources.ToImmutable();
            },
            () =>
            {
                var paths = new PathSets.Accumulator(StringComparer.OrdinalIgnoreCase);
                var tags = new PathSets.Accumulator(StringComparer.Ordinal);
                // Like the others, not PathMap's builder: its changes are an immutable dictionary, and a lookup and a
                // set in it per note with a video was 0.5 s of CPU at 100,000 notes.
                var videos = new PathSets.Accumulator(StringComparer.Ordinal);
                foreach (var note in all)
                {
                    foreach (var path in MarkdownLinkPaths(note)) paths.Add(path, note.Path);
                    foreach (var key in TagKeys(note)) tags.Add(key, note.Path);
                    if (VideoOf(note) is { } video) videos.Add(video, note.Path);
                }
                pathLinkSources = paths.ToImmutable();
                notesByTag = tags.ToImmutable();
                videoNotes = videos.ToImmutable();
            },
            () =>
            {
                var ignoringCase = new PathSets.Accumulator(StringComparer.OrdinalIgnoreCase);
                var stems = new PathSets.Accumulator(StringComparer.Ordinal);
                var titles = new PathSets.Accumulator(StringComparer.Ordinal);
                var aliases = new PathSets.Accumulator(StringComparer.Ordinal);
                foreach (var note in all)
                {
                    ignoringCase.Add(note.Path, note.Path);
                    stems.Add(NoteNames.PooledKey(note.Stem), note.Path);
                    titles.Add(NoteNames.PooledKey(note.Title), note.Path);
                    foreach (var alias in note.Aliases) aliases.Add(NoteNames.PooledKey(alias.Value), note.Path);
                }
                pathsIgnoringCase = ignoringCase.ToImmutable();
                byStem = stems.ToImmutable();
                byTitle = titles.ToImmutable();
                byAlias = aliases.ToImmutable();
                // From empty, CreateRange builds the tree bottom-up (a builder's AddRange inserts one by one, rebalancing).
                sortedNotes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, byPath);
            });

        return new VaultSnapshot(normalizedExtensions, sortedNotes, pathsIgnoringCase, byStem, byTitle, byAlias, wikiLinkSources, pathLinkSources, new NameCache())
        {
            VideoNotes = videoNotes,
            NotesByTag = notesByTag,
        };
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
        private readonly PathMap.Builder _pathsIgnoringCase = from._pathsIgnoringCase.ToBuilder();
        private readonly PathMap.Builder _byStem = from._byStem.ToBuilder();
        private readonly PathMap.Builder _byTitle = from._byTitle.ToBuilder();
        private readonly PathMap.Builder _byAlias = from._byAlias.ToBuilder();
        private readonly PathMap.Builder _wikiLinkSources = from._wikiLinkSources.ToBuilder();
        private readonly PathMap.Builder _pathLinkSources = from._pathLinkSources.ToBuilder();
        private readonly HashSet<string> _namesChanged = new(StringComparer.Ordinal);
        private readonly PathMap.Builder _videoNotes = from.VideoNotes.ToBuilder();
        private bool _unwrittenChanged;
        private readonly HashSet<string> _unwrittenKeys = new(StringComparer.Ordinal);
        private readonly PathMap.Builder _notesByTag = from.NotesByTag.ToBuilder();
        private bool _tagsChanged;

        public void Put(ParsedNote note)
        {
            var before = _notes.GetValueOrDefault(note.Path);
            if (ReferenceEquals(before, note)) return;
            if (before is null) PathSets.Add(_pathsIgnoringCase, note.Path, note.Path);
            // Only the keys that differ between the two versions: a key both keep (a link to a hub note that thousands
            // of notes link to, a tag on half the vault) keeps its set as it is, whatever its form.
            var path = note.Path;
            Replace(_byStem, before is null ? [] : [NoteNames.Key(before.Stem)], [NoteNames.PooledKey(note.Stem)], path);
            Replace(_byTitle, before is null ? [] : [NoteNames.Key(before.Title)], [NoteNames.PooledKey(note.Title)], path);
            Replace(_byAlias, before?.Aliases.Select(alias => NoteNames.Key(alias.Value)) ?? [], note.Aliases.Select(alias => NoteNames.PooledKey(alias.Value)), path);
            Replace(_wikiLinkSources, before is null ? [] : WikiLinkKeys(before, from.NoteExtensions), WikiLinkKeys(note, from.NoteExtensions), path);
            Replace(_pathLinkSources, before is null ? [] : MarkdownLinkPaths(before), MarkdownLinkPaths(note), path);
            Replace(_videoNotes, before is not null && VideoOf(before) is { } oldVideo ? [oldVideo] : [], VideoOf(note) is { } video ? [video] : [], path);
            Replace(_notesByTag, before is null ? [] : TagKeys(before), TagKeys(note), path);
            _tagsChanged |= before is null ? !note.TagOccurrences.IsEmpty : !SameTags(before, note);
            _notes[note.Path] = note;
            // Most edits touch only a note's body: then the list of name keys stays valid.
            var namesChanged = before is null || !NameKeys(before).SequenceEqual(NameKeys(note));
            if (namesChanged) _namesChanged.Add(note.Path);
            // An unwritten target's entry depends on whether its key is a name and on the links with that key: an edit
            // can change only the entries of the keys the note answers to or links by, before and after.
            if (namesChanged || before is null || !SameLinkTargets(before, note))
            {
                if (before is not null) UnwrittenKeysOf(before);
                UnwrittenKeysOf(note);
            }
        }

        /// <summary>Takes the path out of the sets of the keys only <paramref name="before"/> has, into those only <paramref name="after"/> has.</summary>
        private static void Replace(PathMap.Builder map, IEnumerable<string> before, IEnumerable<string> after, string path)
        {
            var old = new HashSet<string>(before, map.Comparer);
            var now = new HashSet<string>(after, map.Comparer);
            foreach (var key in old)
            {
                if (!now.Contains(key)) PathSets.Remove(map, key, path);
            }
            foreach (var key in now)
            {
                if (!old.Contains(key)) PathSets.Add(map, key, path);
            }
        }

        private void UnwrittenKeysOf(ParsedNote note)
        {
            _unwrittenChanged = true;
            _unwrittenKeys.UnionWith(NameKeys(note));
            _unwrittenKeys.UnionWith(WikiLinkKeys(note, from.NoteExtensions));
        }

        public void Remove(string path)
        {
            if (_notes.GetValueOrDefault(path) is not { } before) return;
            RemoveEntries(before);
            PathSets.Remove(_pathsIgnoringCase, path, path);
            _notes.Remove(path);
            _namesChanged.Add(path);
            UnwrittenKeysOf(before);
            _tagsChanged |= !before.TagOccurrences.IsEmpty;
        }

        private void RemoveEntries(ParsedNote note)
        {
            PathSets.Remove(_byStem, NoteNames.Key(note.Stem), note.Path);
            PathSets.Remove(_byTitle, NoteNames.Key(note.Title), note.Path);
            foreach (var alias in note.Aliases) PathSets.Remove(_byAlias, NoteNames.Key(alias.Value), note.Path);
            foreach (var key in WikiLinkKeys(note, from.NoteExtensions)) PathSets.Remove(_wikiLinkSources, key, note.Path);
            foreach (var path in MarkdownLinkPaths(note)) PathSets.Remove(_pathLinkSources, path, note.Path);
            RemoveVideo(_videoNotes, note);
            foreach (var key in TagKeys(note)) PathSets.Remove(_notesByTag, key, note.Path);
        }

        public VaultSnapshot ToSnapshot() => new(from.NoteExtensions, _notes.ToImmutable(), _pathsIgnoringCase.ToImmutable(),
            _byStem.ToImmutable(), _byTitle.ToImmutable(), _byAlias.ToImmutable(), _wikiLinkSources.ToImmutable(),
            _pathLinkSources.ToImmutable(), _namesChanged.Count == 0 ? from._nameKeys : from._nameKeys.After(_namesChanged))
        {
            OtherFilesByPath = from.OtherFilesByPath,
            OtherFilesByName = from.OtherFilesByName,
            VideoNotes = _videoNotes.ToImmutable(),
            Unwritten = _unwrittenChanged ? from.Unwritten.After(_unwrittenKeys) : from.Unwritten,
            NotesByTag = _notesByTag.ToImmutable(),
            Tags = _tagsChanged ? new TagCache() : from.Tags,
        };
    }

    // ---------------------------------------------------------------- other files (attachments)

    private VaultSnapshot WithOtherFileIndexes(PathMap byPath, PathMap byName) =>
        new(NoteExtensions, _notes, _pathsIgnoringCase, _byStem, _byTitle, _byAlias, _wikiLinkSources, _pathLinkSources, _nameKeys)
        {
            OtherFilesByPath = byPath,
            OtherFilesByName = byName,
            VideoNotes = VideoNotes,
            NotesByTag = NotesByTag,
            Tags = Tags,
        };

    /// <summary>The same notes with the other files another snapshot knows (sharing its indexes).</summary>
    public VaultSnapshot WithOtherFilesOf(VaultSnapshot source) => WithOtherFileIndexes(source.OtherFilesByPath, source.OtherFilesByName);

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

    private static string FileNameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    internal static ImmutableArray<string> NormalizeExtensions(IEnumerable<string> extensions)
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
