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
    /// set of link keys changes (typing prose, the common edit, changes neither).
    /// </summary>
    private sealed class UnwrittenCache
    {
        public NameIndex? Index;
    }

    private UnwrittenCache Unwritten { get; init; } = new();

    /// <summary>
    /// Every unwritten target, spelled as the first link (in path order) writes it, searchable like note names; an
    /// entry's Path is that spelling and its Popularity the number of notes linking to it when the index was built.
    /// </summary>
    public NameIndex UnwrittenTargets => Unwritten.Index ??= BuildUnwritten(); // a race builds it twice, harmlessly

    private NameIndex BuildUnwritten()
    {
        var names = new List<(string Name, int Popularity)>();
        foreach (var (key, sources) in _wikiLinkSources)
        {
            // Most link keys name a note: three look-ups rule them out before any link is read.
            if (key.Length == 0 || _byStem.ContainsKey(key) || _byTitle.ContainsKey(key) || _byAlias.ContainsKey(key)) continue;
            if (UnwrittenSpelling(key, sources) is { } name) names.Add((name, sources.Count));
        }
        return NameIndex.BuildNames(names);
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

    /// <summary>Whether two versions of a note (either may be null) give the link index the same keys.</summary>
    private static bool SameLinkKeys(ParsedNote? before, ParsedNote? after, ImmutableArray<string> extensions)
    {
        if (before is null || after is null) return before is null && after is null;
        if (before.WikiLinks.Length == 0 && after.WikiLinks.Length == 0) return true;
        return LinkTableOf(before, extensions).Keys.SequenceEqual(LinkTableOf(after, extensions).Keys);
    }
}
