using System.Collections.Immutable;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;

namespace NoteLsp.Core.Index;

/// <summary>
/// Notes not written yet (docs/notes-format.md §12): the names plain wikilinks ask for that no note answers to, from the
/// link index, so a request costs O(result) rather than a walk over the vault.
/// </summary>
public sealed partial class VaultSnapshot
{
    /// <summary>
    /// The index of unwritten targets, built on first use and handed on to the next snapshot while no name and no note's
    /// link targets change (typing prose, the common edit, changes neither). After an edit that changes some notes'
    /// names or links, or adds or removes notes, the next snapshot's index is derived from this one's entries: only the
    /// keys those notes answer to or link by (before and after) are looked at again.
    /// </summary>
    private sealed class UnwrittenCache
    {
        public NameIndex? Index;

        /// <summary>Key → (spelling, notes linking) of every unwritten target; set once the index is built.</summary>
        public Dictionary<string, (string Name, int Popularity)>? Entries;

        /// <summary>An earlier snapshot's cache and the keys whose entries may differ since.</summary>
        public UnwrittenCache? Base;

        public IReadOnlyCollection<string> ChangedKeys = [];

        /// <summary>
        /// The cache of a snapshot where only these keys' entries may differ: derived from this one's
        /// entries, or from the one this derives from while neither is built; never a chain of caches.
        /// </summary>
        public UnwrittenCache After(IReadOnlyCollection<string> changedKeys)
        {
            if (Entries is not null) return Bounded(this, changedKeys);
            if (Base is not null)
            {
                var union = new HashSet<string>(ChangedKeys, StringComparer.Ordinal);
                union.UnionWith(changedKeys);
                return Bounded(Base, union);
            }
            return new UnwrittenCache();
        }

        // Past this many keys a build from the link index is about as cheap, and holds no earlier cache alive.
        private const int MaxChangedKeys = 4096;

        private static UnwrittenCache Bounded(UnwrittenCache from, IReadOnlyCollection<string> changedKeys) =>
            changedKeys.Count > MaxChangedKeys ? new UnwrittenCache() : new UnwrittenCache { Base = from, ChangedKeys = changedKeys };
    }

    private UnwrittenCache Unwritten { get; init; } = new();

    /// <summary>
    /// Every unwritten target, spelled as the first link (in path order) writes it, searchable like note names; an
    /// entry's Path is that spelling and its Popularity the number of notes linking to it when the index was built.
    /// </summary>
    public NameIndex UnwrittenTargets => Unwritten.Index ??= BuildUnwritten(); // a race builds it twice, harmlessly

    private NameIndex BuildUnwritten()
    {
        var cache = Unwritten;
        Dictionary<string, (string Name, int Popularity)> entries;
        if (cache.Base is { Entries: { } earlier })
        {
            // Only the notes answering to or linking by these keys changed: every other key's entry is what it was.
            entries = new Dictionary<string, (string, int)>(earlier, StringComparer.Ordinal);
            foreach (var key in cache.ChangedKeys)
            {
                entries.Remove(key);
                if (UnwrittenEntry(key, PathSets.Get(_wikiLinkSources, key)) is { } entry) entries[key] = entry;
            }
        }
        else
        {
            entries = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
            foreach (var (key, sources) in _wikiLinkSources)
            {
                if (UnwrittenEntry(key, sources) is { } entry) entries[key] = entry;
            }
        }
        cache.Entries = entries;
        cache.Base = null; // the earlier snapshot's cache need not be kept alive any longer
        return NameIndex.BuildNames(entries.Values);
    }

    private (string Name, int Popularity)? UnwrittenEntry(string key, PathSet sources)
    {
        // Most link keys name a note: three look-ups rule them out before any link is read.
        if (key.Length == 0 || sources.IsEmpty || _byStem.ContainsKey(key) || _byTitle.ContainsKey(key) || _byAlias.ContainsKey(key)) return null;
        return UnwrittenSpelling(key, sources) is { } name ? (name, sources.Count) : null;
    }

    /// <summary>
    /// How the first plain link with this key writes its target, when that link is broken; null when the key is only
    /// used by links with a folder, by links to files that are not notes, or by links that resolve after all.
    /// </summary>
    private string? UnwrittenSpelling(string key, PathSet sources)
    {
        foreach (var sourcePath in sources)
        {
            var source = _notes[sourcePath];
            foreach (var link in source.WikiLinks)
            {
                if (!IsPlainTarget(link.Target)) continue;
                var target = StripNoteExtension(link.Target.Trim(), NoteExtensions);
                if (!NoteNames.KeyEquals(target, key)) continue;
                if (ExtensionOf(target) is { Length: > 0 } extension && !NoteExtensions.Contains(extension.ToLowerInvariant())) return null;
                return Resolve(source, link).Status == TargetStatus.Broken ? target : null;
            }
        }
        return null;
    }

    /// <summary>A target naming a note by name alone: not empty, no folder (those resolve by path, not by Key).</summary>
    private static bool IsPlainTarget(string target) => target.AsSpan().Trim().Length > 0 && !target.Contains('/');

    /// <summary>Key of a wikilink's target as the link index keys it (note extension ignored).</summary>
    public string TargetKey(WikiLink link) => NoteNames.Key(StripNoteExtension(link.Target.Trim(), NoteExtensions));

    /// <summary>How many notes have a wikilink whose target has this key (from the link index, nothing resolved).</summary>
    public int NotesLinkingToKey(string key) => PathSets.Get(_wikiLinkSources, key).Count;

    /// <summary>
    /// Every broken wikilink whose target has this Key, in path then position order: the links a note with that name
    /// would receive. Only the notes the link index lists for the key are read.
    /// </summary>
    public IReadOnlyList<LinkReference> BrokenLinksWithKey(string key, CancellationToken cancellationToken = default)
    {
        var result = new List<LinkReference>();
        if (key.Length == 0) return result;
        var matches = new Dictionary<string, (MatchRank, ImmutableArray<ParsedNote>)>(StringComparer.Ordinal);
        var inSource = new List<WikiLink>();
        foreach (var sourcePath in PathSets.Get(_wikiLinkSources, key))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var source = _notes[sourcePath];
            inSource.Clear();
            foreach (var index in LinksWithWholeKey(source, key))
            {
                var link = source.WikiLinks[index];
                if (Resolve(source, link, matches).Status == TargetStatus.Broken) inSource.Add(link);
            }
            // Front matter links are listed apart from the body's: put them back in text order.
            if (inSource.Count > 1) inSource.Sort((a, b) => a.Range.Start.CompareTo(b.Range.Start));
            foreach (var link in inSource) result.Add(new LinkReference(source, link, null));
        }
        return result;
    }

    /// <summary>
    /// How many links name the key without a folder, from the per-note link tables, nothing resolved: what creating a
    /// note with that name fixes when one of them is known to be broken. O(notes linking to the key).
    /// </summary>
    public int PlainLinksWithKey(string key)
    {
        var count = 0;
        foreach (var sourcePath in PathSets.Get(_wikiLinkSources, key))
        {
            var source = _notes[sourcePath];
            foreach (var index in LinksWithWholeKey(source, key))
            {
                if (!source.WikiLinks[index].Target.Contains('/')) count++;
            }
        }
        return count;
    }

    /// <summary>The indices (ascending) of a note's wikilinks whose whole target has the key: see <see cref="LinkTable"/>.</summary>
    private IReadOnlyList<int> LinksWithWholeKey(ParsedNote note, string key) => LinkTableOf(note).Links(key, wholeTarget: true, lastSegment: false);

    /// <summary>Whether two versions of a note (both present) write the same wikilink targets, in the same order.</summary>
    private static bool SameLinkTargets(ParsedNote before, ParsedNote after)
    {
        if (before.WikiLinks.Length != after.WikiLinks.Length) return false;
        for (var i = 0; i < before.WikiLinks.Length; i++)
        {
            if (!string.Equals(before.WikiLinks[i].Target, after.WikiLinks[i].Target, StringComparison.Ordinal)) return false;
        }
        return true;
    }
}
