using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>
/// A code lens before it is resolved: what it is about and where, nothing computed yet. Kind says which source made
/// it (and so how the server resolves it); Data is that source's own key (for references: the heading's anchor, null
/// for the note itself).
/// </summary>
public sealed record NoteLens(string Kind, TextRange Range, string? Data);

/// <summary>
/// The code lenses of a note. Listing is cheap and resolving does the counting, so a client that resolves only the
/// lenses on screen pays only for those. Each lens source is one call in <see cref="List"/>.
/// </summary>
public static class NoteLenses
{
    /// <summary>"N links" above the title and above each heading that something links to.</summary>
    public const string References = "references";

    public static IReadOnlyList<NoteLens> List(VaultSnapshot snapshot, ParsedNote note, CancellationToken cancellationToken)
    {
        var lenses = new List<NoteLens>();
        AddReferenceLenses(snapshot, note, lenses, cancellationToken);
        VideoLenses.Add(note, lenses);
        return lenses;
    }

    /// <summary>
    /// The note's lens sits on its title (front matter title, else the first heading, else the first line) and is always
    /// shown: "0 links" is worth knowing about a note. A heading's lens is only listed when something links to it, as a
    /// column of "0 links" over every section is noise. Which headings have links takes one pass over the links to
    /// this note (the link index, O(result)); the counts and locations are left to resolve.
    /// </summary>
    private static void AddReferenceLenses(VaultSnapshot snapshot, ParsedNote note, List<NoteLens> lenses, CancellationToken cancellationToken)
    {
        var titleHeading = TitleHeading(note);
        var titleRange = note.TitleRange ?? titleHeading?.TextRange ?? new TextRange(0, 0, 0, 0);
        lenses.Add(new NoteLens(References, titleRange, null));
        if (note.Headings.IsEmpty) return;
        var linked = new HashSet<TextRange>();
        foreach (var (_, resolution) in snapshot.ResolvedLinksTo(note.Path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (resolution.Heading is { } heading) linked.Add(heading.Range);
        }
        foreach (var heading in note.Headings)
        {
            if (ReferenceEquals(heading, titleHeading) || !linked.Contains(heading.Range)) continue;
            lenses.Add(new NoteLens(References, heading.Range, heading.Anchor));
        }
    }

    /// <summary>The heading that carries the note's lens: the title heading, or the first heading of a note without a title.</summary>
    private static Heading? TitleHeading(ParsedNote note) => note.TitleSource switch
    {
        TitleSource.Heading => note.Headings.FirstOrDefault(h => h.TextRange == note.TitleRange),
        TitleSource.Stem => note.Headings.FirstOrDefault(),
        _ => null,
    };

    /// <summary>
    /// The links a references lens counts: to the note (anchor null: every link to it, its headings' included, except
    /// its own "[[#H]]" links) or to the heading with that anchor (none when the heading is gone since listing).
    /// </summary>
    public static IReadOnlyList<ReferenceLocation> ReferencesOf(VaultSnapshot snapshot, ParsedNote note, string? anchor)
    {
        var heading = anchor is null ? null : note.Headings.FirstOrDefault(h => h.Anchor == anchor);
        if (anchor is not null && heading is null) return [];
        return NoteReferences.ToNote(note, heading, includeDeclaration: false, snapshot.ResolvedLinksTo(note.Path));
    }

    /// <summary>What a references lens shows.</summary>
    public static string LinkCount(int count) => count == 1 ? "1 link" : $"{count} links";
}
