using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>Values match LSP's DocumentHighlightKind.</summary>
public enum HighlightKind
{
    Text = 1,
    Read = 2,
    Write = 3,
}

public sealed record NoteHighlight(TextRange Range, HighlightKind Kind);

/// <summary>
/// Document highlight: what in this note is the same thing as what is under the cursor. Links are the same when they
/// resolve to the same note and the same heading or block (fragment-aware, through <see cref="VaultSnapshot.Resolve(ParsedNote, WikiLink)"/>,
/// never by their text); a heading or block of this note is highlighted with the links to it (links as Text, the declaration as Write).
/// </summary>
public static class NoteHighlights
{
    public static IReadOnlyList<NoteHighlight> Find(VaultSnapshot snapshot, ParsedNote note, TextPosition position, CancellationToken cancellationToken)
    {
        // A tag: its occurrences in this note, inline and in the front matter, compared as tags compare (§14).
        if (NoteTags.At(note, position) is { } tag)
        {
            var key = TagNames.Key(tag.Name);
            return note.TagOccurrences.Where(t => TagNames.Key(t.Name) == key).Select(t => new NoteHighlight(t.Range, HighlightKind.Text)).ToList();
        }
        if (NoteElementAt.Find(note, position) is not { } element) return [];
        if (element.Footnote is { } footnote)
        {
            return NoteFootnotes.Occurrences(note, footnote, includeDefinitions: true)
                .Select(f => new NoteHighlight(f.Range, f.IsDefinition ? HighlightKind.Write : HighlightKind.Text))
                .ToList();
        }
        if (SubjectOf(snapshot, note, element) is not { } subject) return [];
        return Occurrences(snapshot, note, subject, cancellationToken);
    }

    /// <summary>What links must resolve to: a note, and within it a heading, a block or neither.</summary>
    private sealed record Subject(string Path, TextRange? Heading, TextRange? Block);

    private static Subject? SubjectOf(VaultSnapshot snapshot, ParsedNote note, NoteElement element)
    {
        if (element.WikiLink is { } wiki) return SubjectOf(snapshot.Resolve(note, wiki));
        if (element.MarkdownLink is { } markdown) return SubjectOf(snapshot.Resolve(note, markdown));
        if (element.BlockId is { } block) return new Subject(note.Path, null, block.Range);
        if (element.IsTitle) return new Subject(note.Path, null, null);
        if (element.Heading is { } heading) return new Subject(note.Path, heading.Range, null);
        return null;
    }

    private static Subject? SubjectOf(LinkResolution resolution) =>
        resolution.Target is { } target ? new Subject(target.Path, resolution.Heading?.Range, resolution.Block?.Range) : null;

    private static IReadOnlyList<NoteHighlight> Occurrences(VaultSnapshot snapshot, ParsedNote note, Subject subject, CancellationToken cancellationToken)
    {
        var result = new List<NoteHighlight>();
        if (subject.Path == note.Path)
        {
            TextRange? declaration = subject switch
            {
                { Heading: { } heading } => note.Headings.FirstOrDefault(h => h.Range == heading)?.TextRange,
                { Block: { } block } => block,
                _ => note.TitleRange,
            };
            if (declaration is { } d) result.Add(new NoteHighlight(d, HighlightKind.Write));
        }
        // One note's links often repeat a target: each distinct target text is resolved once.
        var wikiResolutions = new Dictionary<(string, string?, string?), Subject?>();
        foreach (var link in note.WikiLinks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = (link.Target, link.Heading, link.BlockId);
            if (!wikiResolutions.TryGetValue(key, out var other)) wikiResolutions[key] = other = SubjectOf(snapshot.Resolve(note, link));
            if (other == subject) result.Add(new NoteHighlight(link.Range, HighlightKind.Text));
        }
        foreach (var link in note.MarkdownLinks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SubjectOf(snapshot.Resolve(note, link)) == subject) result.Add(new NoteHighlight(link.Range, HighlightKind.Text));
        }
        result.Sort((a, b) => a.Range.Start.CompareTo(b.Range.Start));
        return result;
    }
}
