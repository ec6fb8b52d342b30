using System.Collections.Immutable;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;

namespace NoteLsp.Core.Index;

/// <summary>The name index of a snapshot: notes by stem / title / alias key, and the sorted, cached NameIndex.</summary>
public sealed partial class VaultSnapshot
{
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

        /// <summary>The path index (path completion), built on first use; a note added or removed changes its names too.</summary>
        public NotePathIndex? Paths;

        /// <summary>An earlier snapshot's path index and the notes whose names changed since: the notes added or removed are among them.</summary>
        /// <remarks>One reference, read once: a request on another thread never sees an index with another's changes.</remarks>
        public (NotePathIndex Index, IReadOnlyCollection<string> Changed)? PathsBase;

        /// <summary>A cache for a snapshot where the names of these notes changed, deriving from this one's when it can.</summary>
        public NameCache After(IReadOnlyCollection<string> changedPaths)
        {
            var next = NamesAfter(changedPaths);
            // A title edited keeps every path: hand on the path index with the notes to check, a few at most.
            var pathsBase = Paths is not null ? (Paths, changedPaths)
                : PathsBase is var (index, changed) ? (index, Union(changed, changedPaths))
                : ((NotePathIndex, IReadOnlyCollection<string>)?)null;
            if (pathsBase is { Item2.Count: <= NameIndex.MaxOverlay }) next.PathsBase = pathsBase;
            return next;
        }

        private static IReadOnlyCollection<string> Union(IReadOnlyCollection<string> a, IReadOnlyCollection<string> b)
        {
            var union = new HashSet<string>(a, StringComparer.Ordinal);
            union.UnionWith(b);
            return union;
        }

        private NameCache NamesAfter(IReadOnlyCollection<string> changedPaths)
        {
            // Hand on the closest cache whose index is built (or will be), never a chain of caches.
            if (Index is null && Base is not null)
            {
                var union = Union(ChangedPaths, changedPaths);
                return union.Count > NameIndex.MaxOverlay ? new NameCache() : new NameCache { Base = Base, ChangedPaths = union };
            }
            return changedPaths.Count > NameIndex.MaxOverlay ? new NameCache() : new NameCache { Base = this, ChangedPaths = changedPaths };
        }
    }

    private readonly NameCache _nameKeys;

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

    /// <summary>Every note's path with its precomputed keys (path completion); built on first use, derived from the last one after a few notes are added or removed.</summary>
    internal NotePathIndex NotePaths => _nameKeys.Paths ??= DerivePaths(); // a race builds it twice, harmlessly

    private NotePathIndex DerivePaths()
    {
        var pathsBase = _nameKeys.PathsBase;
        _nameKeys.PathsBase = null; // the earlier snapshot's index need not be kept alive any longer
        // A few notes added or removed (a note created, a file deleted): the earlier index with those entries changed.
        // The count check catches a change that was not handed on: then the index is built from every note.
        if (pathsBase is var (earlier, changed) && earlier.With(changed, _notes.ContainsKey) is { } derived && derived.Count == Count)
        {
            return derived;
        }
        return NotePathIndex.Build(_notes.Values, Count);
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

    /// <summary>The keys a note answers to: its stem's, its title's and its aliases'.</summary>
    internal static IEnumerable<string> NameKeys(ParsedNote note)
    {
        yield return NoteNames.Key(note.Stem);
        yield return NoteNames.Key(note.Title);
        foreach (var alias in note.Aliases) yield return NoteNames.Key(alias.Value);
    }
}
