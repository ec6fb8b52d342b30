using System.Collections.Immutable;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;

namespace NoteLsp.Core.Index;

/// <summary>
/// Link key → occurrences (note, link index): the snapshot's key → source notes index (<c>_wikiLinkSources</c>, kept
/// incrementally by the editor) joined with each source's key → link table (<see cref="LinkTableOf"/>, made once per
/// note version on first use, so the cold index pays nothing for it). References and rename then visit only the links
/// that name the target, not every link of every note that names it somewhere.
/// </summary>
public sealed partial class VaultSnapshot
{
    /// <summary>The indices (in ascending order) of the note's wikilinks whose target uses one of the keys.</summary>
    private List<int> WikiLinksUsing(ParsedNote note, string[] keys)
    {
        var table = LinkTableOf(note);
        var result = new List<int>();
        foreach (var key in keys)
        {
            if (table.ByKey.TryGetValue(key, out var whole)) result.AddRange(whole);
            if (table.ByLastSegment.TryGetValue(key, out var last)) result.AddRange(last);
        }
        // A link whose whole target and last segment are both keys of the target ("[[x/x]]") is listed twice.
        if (result.Count > 1)
        {
            result.Sort();
            var unique = 1;
            for (var i = 1; i < result.Count; i++)
            {
                if (result[i] != result[unique - 1]) result[unique++] = result[i];
            }
            result.RemoveRange(unique, result.Count - unique);
        }
        return result;
    }

    /// <summary>
    /// The keys a wikilink can name a note by: Key of the target (extension ignored), and for a target with '/' also
    /// the Key of its last segment. The one definition for the link-source index and the per-note link tables.
    /// </summary>
    private static (string Whole, string? LastSegment) WikiLinkKeysOf(WikiLink link, ImmutableArray<string> extensions)
    {
        var target = StripNoteExtension(link.Target.Trim(), extensions);
        var lastSlash = target.LastIndexOf('/');
        return (NoteNames.Key(target), lastSlash >= 0 ? NoteNames.Key(target[(lastSlash + 1)..]) : null);
    }
}
