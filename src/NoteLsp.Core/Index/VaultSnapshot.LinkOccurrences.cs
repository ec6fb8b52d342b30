using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;

namespace NoteLsp.Core.Index;

/// <summary>
/// Where each link key occurs in a note. With the snapshot's key → source notes index (<c>_wikiLinkSources</c>, kept
/// incrementally by the editor) this is the key → (note, link index) index that lets references and rename visit only
/// the links that name the target, instead of every link of every note that names it somewhere.
/// </summary>
public sealed partial class VaultSnapshot
{
    /// <summary>
    /// One table per parsed note, made the first time a request needs it: a note is immutable, so the table lives as
    /// long as the note does and an edit (a new note) starts a new one. Building it eagerly for every note would cost
    /// the cold index time and memory for notes no request ever asks about.
    /// </summary>
    private static readonly ConditionalWeakTable<ParsedNote, WikiLinkOccurrences> OccurrencesByNote = new();

    /// <summary>The indices (in ascending order) of the note's wikilinks whose target uses one of the keys.</summary>
    private List<int> WikiLinksUsing(ParsedNote note, string[] keys)
    {
        if (!OccurrencesByNote.TryGetValue(note, out var occurrences) || occurrences.Extensions != NoteExtensions)
        {
            occurrences = new WikiLinkOccurrences(note, NoteExtensions);
            OccurrencesByNote.AddOrUpdate(note, occurrences);
        }
        var result = new List<int>();
        foreach (var key in keys)
        {
            if (occurrences.ByKey.TryGetValue(key, out var indices)) result.AddRange(indices);
        }
        // A link whose full target and last segment are two of the target's keys is listed twice.
        if (keys.Length > 1 && result.Count > 1)
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
    /// the Key of its last segment. The one definition for the link-source index and the occurrence tables.
    /// </summary>
    private static void AddWikiLinkKeys(WikiLink link, ImmutableArray<string> extensions, Action<string> add)
    {
        var target = StripNoteExtension(link.Target.Trim(), extensions);
        add(NoteNames.Key(target));
        var lastSlash = target.LastIndexOf('/');
        if (lastSlash >= 0) add(NoteNames.Key(target[(lastSlash + 1)..]));
    }

    private sealed class WikiLinkOccurrences
    {
        public WikiLinkOccurrences(ParsedNote note, ImmutableArray<string> extensions)
        {
            Extensions = extensions;
            var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < note.WikiLinks.Length; i++)
            {
                var link = note.WikiLinks[i];
                // Self-links ("[[#H]]") are found by walking the target's own note, never through a key.
                if (link.Target.Length == 0) continue;
                var index = i;
                AddWikiLinkKeys(link, extensions, key =>
                {
                    if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
                    if (list.Count == 0 || list[^1] != index) list.Add(index);
                });
            }
            ByKey = byKey.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        }

        public ImmutableArray<string> Extensions { get; }

        public Dictionary<string, int[]> ByKey { get; }
    }
}
