using System.Collections.Immutable;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;

namespace NoteLsp.Core.Index;

/// <summary>
/// Link key → occurrences (note, link index): the snapshot's key → source notes index (<c>_wikiLinkSources</c>, kept
/// incrementally by the editor) joined with each source's key → link table (<see cref="LinkTable"/>, made once per
/// note version by the build that indexes it, which needs the same keys). References and rename then visit only the links
/// that name the target, not every link of every note that names it somewhere.
/// </summary>
public sealed partial class VaultSnapshot
{
    /// <summary>The indices (in ascending order) of the note's wikilinks whose target uses one of the keys, into a list the caller reuses.</summary>
    private void WikiLinksUsing(ParsedNote note, string[] keys, List<int> into)
    {
        into.Clear();
        var table = LinkTableOf(note);
        var keysFound = 0;
        foreach (var key in keys)
        {
            var before = into.Count;
            table.AddLinks(key, wholeTarget: true, lastSegment: true, into);
            if (into.Count > before) keysFound++;
        }
        // The usual case, links under one key of the target: that key's indices, already ascending.
        if (keysFound < 2) return;
        // A link can use two of the target's keys (its whole target one, its last segment another): listed twice.
        into.Sort();
        var unique = 1;
        for (var i = 1; i < into.Count; i++)
        {
            if (into[i] != into[unique - 1]) into[unique++] = into[i];
        }
        into.RemoveRange(unique, into.Count - unique);
    }

    /// <summary>
    /// The notes that may link to the note (<see cref="CandidateSources"/>) and the note itself, in path order, each
    /// with whether it may hold a Markdown link to it (the note itself, or reached through the Markdown link index):
    /// the index's path sets are ordered already, so they are merged, not collected and sorted.
    /// </summary>
    private List<(string Path, bool ByMarkdown)> CandidateSourcesInPathOrder(ParsedNote note)
    {
        var cursors = new List<(IEnumerator<string> Cursor, bool ByMarkdown)>();
        foreach (var key in NameKeys(note)) Start(PathSets.Get(_wikiLinkSources, key), false);
        Start(PathSets.Get(_pathLinkSources, note.Path), true);
        var withoutExtension = PathWithoutExtension(note.Path);
        if (withoutExtension != note.Path) Start(PathSets.Get(_pathLinkSources, withoutExtension), true);
        Start([note.Path], true);
        var result = new List<(string, bool)>();
        // A handful of cursors (one per name of the note, and its paths): the smallest head, then every cursor past it.
        while (cursors.Count > 0)
        {
            var smallest = cursors[0].Cursor.Current;
            for (var i = 1; i < cursors.Count; i++)
            {
                if (string.CompareOrdinal(cursors[i].Cursor.Current, smallest) < 0) smallest = cursors[i].Cursor.Current;
            }
            var byMarkdown = false;
            for (var i = cursors.Count - 1; i >= 0; i--)
            {
                var (cursor, markdown) = cursors[i];
                if (cursor.Current != smallest) continue;
                byMarkdown |= markdown;
                if (!cursor.MoveNext()) cursors.RemoveAt(i);
            }
            result.Add((smallest, byMarkdown));
        }
        return result;

        void Start(IEnumerable<string> paths, bool byMarkdown)
        {
            var cursor = paths.GetEnumerator();
            if (cursor.MoveNext()) cursors.Add((cursor, byMarkdown));
        }
    }

    /// <summary>
    /// The notes at paths given in path order. Looking each up costs O(log n); when the paths are a large share of the
    /// vault (a hub note's backlinks) one walk through the ordered notes alongside them is cheaper.
    /// </summary>
    private IEnumerable<(ParsedNote Note, bool ByMarkdown)> NotesInPathOrder(List<(string Path, bool ByMarkdown)> paths)
    {
        if ((long)paths.Count * 16 < _notes.Count)
        {
            foreach (var (path, byMarkdown) in paths)
            {
                if (_notes.TryGetValue(path, out var note)) yield return (note, byMarkdown);
            }
            yield break;
        }
        var next = 0;
        foreach (var (path, note) in _notes)
        {
            if (next == paths.Count) yield break;
            if (!ReferenceEquals(path, paths[next].Path) && path != paths[next].Path)
            {
                // A path the notes do not have (it cannot be: the index holds only notes' paths) is skipped.
                while (next < paths.Count && string.CompareOrdinal(paths[next].Path, path) < 0) next++;
                if (next == paths.Count || paths[next].Path != path) continue;
            }
            yield return (note, paths[next++].ByMarkdown);
        }
    }

    private static bool InPositionOrder(List<(Text.TextPosition Start, LinkReference Reference, LinkResolution Resolution)> links)
    {
        for (var i = 1; i < links.Count; i++)
        {
            if (links[i].Start.CompareTo(links[i - 1].Start) < 0) return false;
        }
        return true;
    }

    /// <summary>
    /// The keys a wikilink can name a note by: Key of the target (extension ignored), and for a target with '/' also
    /// the Key of its last segment. The one definition for the link-source index and the per-note link tables.
    /// </summary>
    private static (string Whole, string? LastSegment) WikiLinkKeysOf(WikiLink link, ImmutableArray<string> extensions)
    {
        // On spans: the build makes these keys for every link of the vault, and a pooled key then costs no allocation.
        var target = StripNoteExtension(link.Target.AsSpan().Trim(), extensions);
        var lastSlash = target.LastIndexOf('/');
        return (NoteNames.PooledKey(target), lastSlash >= 0 ? NoteNames.PooledKey(target[(lastSlash + 1)..]) : null);
    }
}
