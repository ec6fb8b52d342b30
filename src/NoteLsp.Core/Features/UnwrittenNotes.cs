using System.Globalization;
using System.Runtime.CompilerServices;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>A note links ask for that does not exist yet: its name as the links write it, and how many wait for it.</summary>
/// <param name="Name">the target as the first linking note (in path order) writes it</param>
/// <param name="LinkCount">broken links with the name's Key</param>
/// <param name="NoteCount">notes holding such a link</param>
public sealed record UnwrittenTarget(string Name, int LinkCount, int NoteCount);

/// <summary>
/// Notes not written yet (docs/notes-format.md §12): offered by completion after the notes that exist, listed by
/// `notelsp check --wanted`, and the subject of references on a broken link. Everything comes from the link index
/// (<see cref="VaultSnapshot.UnwrittenTargets"/>, <see cref="VaultSnapshot.BrokenLinksWithKey"/>).
/// </summary>
public static class UnwrittenNotes
{
    /// <summary>
    /// At most this many completion items are unwritten targets; they follow the notes that match, and take the last
    /// slots of a full list, so the targets most waited for stay visible however many notes match.
    /// </summary>
    public const int MaxCompletionItems = 10;

    /// <summary>
    /// Appends the unwritten targets matching the typed text to a ranked list of note items (trimming the notes to make
    /// room): strongest match first, then most linking notes, then shorter, then ordinal.
    /// </summary>
    public static List<NoteCompletionItem> AppendCompletions(VaultSnapshot snapshot, string typed, TextRange range, string close,
        List<NoteCompletionItem> noteItems, int maxItems)
    {
        var room = Math.Min(MaxCompletionItems, maxItems);
        if (room <= 0) return noteItems;
        var query = NoteNames.Key(typed);
        var targets = snapshot.UnwrittenTargets;
        // Bare "[[" ranks the same targets every time: the ranking is kept with the index, which a new link key replaces
        // (so the counts of linking notes it was ranked by cannot change under it).
        var ranked = (query.Length == 0 ? BareRankings.GetValue(targets, index => Rank(snapshot, index, query)) : Rank(snapshot, targets, query))
            .Take(room)
            .ToList();
        if (ranked.Count == 0) return noteItems;
        var result = noteItems.Take(maxItems - ranked.Count).ToList();
        foreach (var (entry, _, notes) in ranked)
        {
            var links = snapshot.BrokenLinksWithKey(entry.Key).Count;
            if (links == 0) continue;
            result.Add(new NoteCompletionItem(CompletionItemKind.Unwritten, entry.Name, entry.Name + close, Describe(links, notes), entry.Name, range));
        }
        return result;
    }

    private static readonly ConditionalWeakTable<NameIndex, IReadOnlyList<(NameEntry Entry, NameMatch Match, int Notes)>> BareRankings = new();

    /// <summary>Every unwritten target matching the query that a note still links to, in rank order.</summary>
    private static IReadOnlyList<(NameEntry Entry, NameMatch Match, int Notes)> Rank(VaultSnapshot snapshot, NameIndex targets, string query) =>
        targets.Search(query, NoteCompletion.MaxCandidates)
            .Select(m => (m.Entry, m.Match, Notes: snapshot.NotesLinkingToKey(m.Entry.Key)))
            .Where(m => m.Notes > 0)
            .OrderBy(m => m.Match)
            .ThenByDescending(m => m.Notes)
            .ThenBy(m => m.Entry.Name.Length)
            .ThenBy(m => m.Entry.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>"not written yet · 3 links in 2 notes": what a completion item says of an unwritten target.</summary>
    public static string Describe(int links, int notes) =>
        string.Create(CultureInfo.InvariantCulture, $"not written yet · {Count(links, "link", "links")} in {Count(notes, "note", "notes")}");

    /// <summary>Every unwritten target of the vault, most linked to first (then by name): `notelsp check --wanted`.</summary>
    public static IReadOnlyList<UnwrittenTarget> All(VaultSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var result = new List<UnwrittenTarget>();
        foreach (var (entry, _) in snapshot.UnwrittenTargets.Search("", int.MaxValue))
        {
            var links = snapshot.BrokenLinksWithKey(entry.Key, cancellationToken);
            if (links.Count == 0) continue;
            result.Add(new UnwrittenTarget(entry.Name, links.Count, links.Select(l => l.Source.Path).Distinct().Count()));
        }
        result.Sort((a, b) => a.LinkCount != b.LinkCount ? b.LinkCount.CompareTo(a.LinkCount) : string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    /// <summary>
    /// On a broken wikilink: every broken link in the vault whose target has the same Key (this one included), in path
    /// then position order. Null when the position is not on a broken wikilink.
    /// </summary>
    public static IReadOnlyList<ReferenceLocation>? ReferencesAt(VaultSnapshot snapshot, ParsedNote note, TextPosition position)
    {
        if (NoteElementAt.Find(note, position)?.WikiLink is not { } link || link.Target.AsSpan().Trim().Length == 0) return null;
        if (snapshot.Resolve(note, link).Status != TargetStatus.Broken) return null;
        return snapshot.BrokenLinksWithKey(snapshot.TargetKey(link))
            .Select(r => new ReferenceLocation(r.Source.Path, r.WikiLink!.Value.Range))
            .ToList();
    }

    /// <summary>The title of the quick fix creating the note a broken link asks for: it says how many links it fixes.</summary>
    public static string CreateNoteTitle(VaultSnapshot snapshot, WikiLink link, string path)
    {
        // A target with a folder resolves by path, so the links it fixes are not the ones sharing its Key.
        if (link.Target.Contains('/')) return $"Create note {path}";
        var links = snapshot.PlainLinksWithKey(snapshot.TargetKey(link));
        return links == 0 ? $"Create note {path}" : $"Create note {path} (fixes {Count(links, "link", "links")})";
    }

    private static string Count(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");
}
